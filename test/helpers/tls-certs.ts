/**
 * A throwaway PKI for TLS tests, made with the `openssl` command line: a CA, a server
 * certificate for 127.0.0.1 and a client certificate, all signed by the CA (EC P-256: fast).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestPki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** Client certificate and key as PKCS#12, passphrase `pfx-secret-1`. */
  readonly clientPfx: Buffer;
}

export const PFX_PASSPHRASE = "pfx-secret-1";

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

function issue(dir: string, name: string, subject: string, ext: string): void {
  openssl(
    dir,
    ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"].concat([
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
      "-subj",
      subject,
    ]),
  );
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(
    dir,
    ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial"].concat([
      "-out",
      `${name}.crt`,
      "-days",
      "2",
      "-sha256",
      "-extfile",
      `${name}.ext`,
    ]),
  );
}

export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "soapkit-pki-"));
  try {
    openssl(
      dir,
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"].concat([
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=soapkit test CA",
      ]),
    );
    issue(dir, "server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    issue(dir, "client", "/CN=soapkit client", "extendedKeyUsage=clientAuth\n");
    openssl(
      dir,
      ["pkcs12", "-export", "-inkey", "client.key", "-in", "client.crt", "-out", "client.pfx"].concat([
        "-passout",
        `pass:${PFX_PASSPHRASE}`,
      ]),
    );
    const read = (f: string): string => readFileSync(join(dir, f), "utf8");
    return {
      caCert: read("ca.crt"),
      serverCert: read("server.crt"),
      serverKey: read("server.key"),
      clientCert: read("client.crt"),
      clientKey: read("client.key"),
      clientPfx: readFileSync(join(dir, "client.pfx")),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
