/**
 * A test HTTP server that demands NTLM (the handshake Dynamics NAV/BC and IIS run): 401 with
 * `WWW-Authenticate: NTLM`, then a Type 2 challenge for the client's Type 1, then a check of
 * the Type 3 NTLMv2 response against the expected password on the same connection (NTLM
 * authenticates a connection, not a request). The client side under test is the real
 * library (axios-ntlm through `soap`).
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { md4 } from "./md4.js";

const SIGNATURE = Buffer.from("NTLMSSP\0", "ascii");
// UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSIONSECURITY | TARGET_INFO
const TYPE2_FLAGS = 0x00898205;

export interface NtlmServerOptions {
  readonly domain: string;
  readonly username: string;
  readonly password: string;
  /** Answer for an authenticated request. */
  readonly respond: (req: IncomingMessage, body: string, res: ServerResponse) => void;
}

export interface NtlmServer {
  readonly url: string;
  /** One entry per Type 3 message: who authenticated and whether the proof matched. */
  readonly logins: { user: string; domain: string; ok: boolean }[];
  close(): Promise<void>;
}

function utf16(s: string): Buffer {
  return Buffer.from(s, "utf16le");
}

function type2(domain: string, challenge: Buffer): Buffer {
  const name = utf16(domain);
  const info = Buffer.concat([avPair(2, name), avPair(0, Buffer.alloc(0))]);
  const head = Buffer.alloc(48);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  writeSecurityBuffer(head, 12, name.length, 48);
  head.writeUInt32LE(TYPE2_FLAGS, 20);
  challenge.copy(head, 24);
  writeSecurityBuffer(head, 40, info.length, 48 + name.length);
  return Buffer.concat([head, name, info]);
}

function avPair(id: number, value: Buffer): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(id, 0);
  b.writeUInt16LE(value.length, 2);
  return Buffer.concat([b, value]);
}

function writeSecurityBuffer(buf: Buffer, at: number, length: number, offset: number): void {
  buf.writeUInt16LE(length, at);
  buf.writeUInt16LE(length, at + 2);
  buf.writeUInt32LE(offset, at + 4);
}

function field(msg: Buffer, at: number): Buffer {
  const length = msg.readUInt16LE(at);
  const offset = msg.readUInt32LE(at + 4);
  return msg.subarray(offset, offset + length);
}

/** Check an NTLMv2 Type 3 message against the challenge and the expected credentials. */
function verifyType3(
  msg: Buffer,
  challenge: Buffer,
  o: NtlmServerOptions,
): { user: string; domain: string; ok: boolean } {
  const nt = field(msg, 20);
  const domain = field(msg, 28).toString("utf16le");
  const user = field(msg, 36).toString("utf16le");
  const ntHash = md4(utf16(o.password));
  const v2Hash = createHmac("md5", ntHash)
    .update(utf16(user.toUpperCase() + domain))
    .digest();
  const proof = createHmac("md5", v2Hash)
    .update(Buffer.concat([challenge, nt.subarray(16)]))
    .digest();
  const ok = nt.length > 24 && proof.equals(nt.subarray(0, 16)) && user === o.username && domain === o.domain;
  return { user, domain, ok };
}

export async function startNtlmServer(o: NtlmServerOptions): Promise<NtlmServer> {
  const logins: NtlmServer["logins"] = [];
  const challenges = new WeakMap<Socket, Buffer>();
  const authenticated = new WeakSet<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const socket = req.socket;
      const auth = /^NTLM (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      const msg = auth === undefined ? undefined : Buffer.from(auth, "base64");
      const type = msg !== undefined && msg.subarray(0, 8).equals(SIGNATURE) ? msg.readUInt32LE(8) : 0;
      if (type === 1) {
        const challenge = randomBytes(8);
        challenges.set(socket, challenge);
        res.writeHead(401, { "WWW-Authenticate": `NTLM ${type2(o.domain, challenge).toString("base64")}` });
        return res.end();
      }
      if (type === 3 && challenges.has(socket)) {
        const login = verifyType3(msg!, challenges.get(socket)!, o);
        logins.push(login);
        if (login.ok) authenticated.add(socket);
      }
      if (!authenticated.has(socket)) {
        res.writeHead(401, { "WWW-Authenticate": "NTLM" });
        return res.end();
      }
      o.respond(req, Buffer.concat(chunks).toString("utf8"), res);
    });
  });
  server.on("connection", (s: Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/Nav.svc`,
    logins,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
