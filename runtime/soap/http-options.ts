/**
 * Connection options of the SOAP HTTP transport (`soapHttpTransport({ http })`): TLS client
 * certificates and trust, an HTTP proxy, keep-alive, gzip, and Basic or NTLM authentication.
 * They are turned once per transport into agents and per-request axios settings; credentials
 * are handed to each call's secret set so they never reach an error, log or hook.
 */
import http from "node:http";
import https from "node:https";
import type { SecretSet } from "../secrets/secret-set.js";
import { addUrlCredentials } from "../secrets/collect.js";
import { SoapkitError } from "../errors.js";
import { HttpsTunnelAgent, HttpTunnelAgent } from "./proxy-agent.js";

export interface TlsOptions {
  /** Client certificate chain (PEM). */
  readonly cert?: string | Buffer;
  /** Private key of `cert` (PEM). */
  readonly key?: string | Buffer;
  /** Client certificate and key as PKCS#12 (PFX). */
  readonly pfx?: Buffer;
  /** Passphrase of `key` or `pfx`. */
  readonly passphrase?: string;
  /** Trusted CA certificates (PEM), replacing Node's default list. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /**
   * `false` accepts any server certificate (test systems only). Default `true`; only an
   * explicit `false` turns verification off.
   */
  readonly rejectUnauthorized?: boolean;
}

export interface ProxyOptions {
  /** `http://[user:password@]proxy:port` (or `https://` to reach the proxy over TLS). */
  readonly url: string;
  /**
   * Hosts that bypass the proxy, as in `NO_PROXY`: `example.com` (and its subdomains),
   * `.example.com`, `host:port`, an IP, or `*` for all.
   */
  readonly noProxy?: readonly string[];
}

export type HttpAuth =
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | {
      readonly kind: "ntlm";
      readonly username: string;
      readonly password: string;
      readonly domain?: string;
      readonly workstation?: string;
    };

export interface HttpOptions {
  readonly tls?: TlsOptions;
  /**
   * An HTTP proxy (a URL or `{ url, noProxy }`), or `"env"` to read `HTTPS_PROXY`/`HTTP_PROXY`
   * and `NO_PROXY` (either case) when the transport is created. Default: no proxy, whatever the
   * environment says.
   */
  readonly proxy?: string | ProxyOptions | "env";
  /** Reuse connections (default `true`). */
  readonly keepAlive?: boolean;
  /** Upper bound of concurrent sockets per host (default: unlimited). */
  readonly maxSockets?: number;
  /** gzip request bodies (`Content-Encoding: gzip`; the service must accept it). Default `false`. */
  readonly gzip?: boolean;
  /** HTTP authentication: Basic, or NTLM (Dynamics NAV/BC, IIS) through soap's `axios-ntlm`. */
  readonly auth?: HttpAuth;
}

/** What the transport applies per request. */
export interface ResolvedHttpOptions {
  /** Extra axios/soap request options (agents, proxy off, gzip, NTLM credentials). */
  exoptions(url: string): Record<string, unknown>;
  /** The agent for `url`: direct or through the proxy tunnel, TLS settings included (node:http transports). */
  agent(url: URL): http.Agent;
  /** Extra HTTP headers (Basic `Authorization`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Put this transport's credentials into a call's secret set. */
  addSecrets(set: SecretSet): void;
}

function invalid(message: string, who = "soapHttpTransport"): never {
  throw new SoapkitError("ERR_SOAP_CONFIG", `${who}: ${message}`);
}

function proxyFromEnv(): ProxyOptions | undefined {
  const env = process.env;
  const url = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  if (url === undefined || url === "") return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? "").split(/[\s,]+/).filter((h) => h !== "");
  return { url, noProxy };
}

function proxyOf(option: HttpOptions["proxy"], who: string): { url: URL; noProxy: readonly string[] } | undefined {
  const p = option === "env" ? proxyFromEnv() : typeof option === "string" ? { url: option } : option;
  if (p === undefined) return undefined;
  if (!URL.canParse(p.url)) invalid("http.proxy is not a URL", who);
  const url = new URL(p.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    invalid(`http.proxy must be http: or https: (got ${url.protocol})`, who);
  return { url, noProxy: (p.noProxy ?? []).map((h) => h.toLowerCase()) };
}

/** `NO_PROXY` matching: `*`, a host or domain suffix, optionally with `:port`. */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  return noProxy.some((entry) => {
    if (entry === "*") return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\]$/g, ""))!;
    const name = m[1]!.replace(/^\*?\./, "");
    if (m[2] !== undefined && m[2] !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

/** Validate the options and build the agents once (`who` names the transport in configuration errors). */
export function resolveHttpOptions(options: HttpOptions = {}, who = "soapHttpTransport"): ResolvedHttpOptions {
  const t = options.tls ?? {};
  if (t.rejectUnauthorized !== undefined && typeof t.rejectUnauthorized !== "boolean")
    invalid("http.tls.rejectUnauthorized must be a boolean", who);
  const tlsOptions = {
    ...(t.cert === undefined ? {} : { cert: t.cert }),
    ...(t.key === undefined ? {} : { key: t.key }),
    ...(t.pfx === undefined ? {} : { pfx: t.pfx }),
    ...(t.passphrase === undefined ? {} : { passphrase: t.passphrase }),
    ...(t.ca === undefined ? {} : { ca: t.ca as string | Buffer | (string | Buffer)[] }),
    rejectUnauthorized: t.rejectUnauthorized !== false,
  };
  const agentOptions = {
    keepAlive: options.keepAlive !== false,
    ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
  };
  const proxy = proxyOf(options.proxy, who);
  const direct = { http: new http.Agent(agentOptions), https: new https.Agent({ ...agentOptions, ...tlsOptions }) };
  const tunnel =
    proxy === undefined
      ? undefined
      : {
          http: new HttpTunnelAgent(proxy.url, agentOptions),
          https: new HttpsTunnelAgent(proxy.url, tlsOptions, agentOptions),
        };
  const auth = options.auth;
  const headers: Record<string, string> =
    auth?.kind === "basic"
      ? { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` }
      : {};
  const agentsFor = (url: URL) => (tunnel !== undefined && !bypassesProxy(url, proxy!.noProxy) ? tunnel : direct);
  return {
    headers,
    agent: (url) => (url.protocol === "https:" ? agentsFor(url).https : agentsFor(url).http),
    exoptions(url) {
      const agents = agentsFor(new URL(url));
      return {
        httpAgent: agents.http,
        httpsAgent: agents.https,
        proxy: false,
        ...(options.gzip === true ? { gzip: true } : {}),
        ...(auth?.kind === "ntlm"
          ? {
              ntlm: true,
              username: auth.username,
              password: auth.password,
              domain: auth.domain ?? "",
              workstation: auth.workstation ?? "",
            }
          : {}),
      };
    },
    addSecrets(set) {
      if (proxy !== undefined) addUrlCredentials(set, proxy.url.href);
      if (auth !== undefined) set.add(auth.password);
      if (auth?.kind === "basic") set.add(headers.Authorization!.slice("Basic ".length));
      if (t.passphrase !== undefined) set.add(t.passphrase);
    },
  };
}
