/**
 * HTTP(S) agents that reach the endpoint through an HTTP proxy with a `CONNECT` tunnel, for
 * `http:` and `https:` endpoints alike (the tunnel is transparent: TLS, when the endpoint uses
 * it, runs end to end inside it, so the proxy never sees the envelope).
 *
 * Why our own and not axios's `proxy` option: axios forwards `https:` requests to the proxy
 * without a `CONNECT` (the envelope travels in clear text to the proxy, and TLS proxies reject
 * it), and it reads `HTTP_PROXY` behind the caller's back.
 */
import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { isIP, type Socket } from "node:net";

type Callback = (err: Error | null, socket?: Duplex) => void;

export interface ProxyTarget {
  /** The proxy, `http://[user:password@]host:port` (an `https:` proxy is reached over TLS). */
  readonly url: URL;
}

/** `Proxy-Authorization` for a proxy URL with user info. */
function proxyAuthorization(url: URL): string | undefined {
  if (url.username === "" && url.password === "") return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/** Open a `CONNECT host:port` tunnel through the proxy; the callback gets the raw socket. */
function openTunnel(proxy: URL, host: string, port: number, timeoutMs: number | undefined, cb: Callback): void {
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const auth = proxyAuthorization(proxy);
  const request = (proxy.protocol === "https:" ? https : http).request({
    host: proxy.hostname.replace(/^\[|\]$/g, ""),
    port: proxy.port || (proxy.protocol === "https:" ? 443 : 80),
    method: "CONNECT",
    path: authority,
    headers: { host: authority, ...(auth === undefined ? {} : { "proxy-authorization": auth }) },
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
  });
  let settled = false;
  const finish = (err: Error | null, socket?: Socket): void => {
    if (settled) return;
    settled = true;
    if (err !== null) cb(err);
    else cb(null, socket);
  };
  request.once("connect", (res, socket) => {
    if (res.statusCode === 200) return finish(null, socket);
    socket.destroy();
    // The proxy's own words are not echoed: a proxy page may repeat the credentials sent to it.
    finish(new Error(`proxy ${proxy.host} refused CONNECT ${authority}: HTTP ${res.statusCode ?? "?"}`));
  });
  request.once("timeout", () => request.destroy(new Error(`proxy ${proxy.host} did not answer CONNECT in time`)));
  request.once("error", (e) => finish(new Error(`proxy ${proxy.host}: ${e.message}`)));
  request.end();
}

type ConnectOptions = {
  host?: string | null;
  hostname?: string | null;
  port?: number | string | null;
  timeout?: number;
};

function targetOf(o: ConnectOptions, defaultPort: number): { host: string; port: number } {
  const host = (o.hostname ?? o.host ?? "localhost").replace(/^\[|\]$/g, "");
  return { host, port: Number(o.port ?? defaultPort) };
}

/** Agent for `http:` endpoints through a proxy tunnel. */
export class HttpTunnelAgent extends http.Agent {
  constructor(
    private readonly proxy: URL,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ConnectOptions, cb: Callback): Duplex | undefined {
    const { host, port } = targetOf(options, 80);
    openTunnel(this.proxy, host, port, options.timeout, cb);
    return undefined;
  }
}

/** Agent for `https:` endpoints through a proxy tunnel: TLS to the endpoint inside the tunnel. */
export class HttpsTunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly tlsOptions: tls.ConnectionOptions,
    options: https.AgentOptions,
  ) {
    super({ ...options, ...tlsOptions });
  }

  override createConnection(options: ConnectOptions, cb: Callback): Duplex | undefined {
    const { host, port } = targetOf(options, 443);
    openTunnel(this.proxy, host, port, options.timeout, (err, socket) => {
      if (err !== null || socket === undefined) return cb(err ?? new Error("proxy tunnel failed"));
      const secure = tls.connect({
        ...this.tlsOptions,
        socket: socket as Socket,
        ...(isIP(host) === 0 ? { servername: host } : {}),
      });
      const onError = (e: Error): void => cb(e);
      secure.once("error", onError);
      // After the handshake, socket errors belong to the HTTP request using it.
      secure.once("secureConnect", () => (secure.off("error", onError), cb(null, secure)));
    });
    return undefined;
  }
}
