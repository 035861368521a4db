/**
 * A forward proxy on 127.0.0.1 that only tunnels (`CONNECT host:port`), records every CONNECT
 * with its `Proxy-Authorization`, and can demand credentials (407 otherwise).
 */
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface ConnectProxy {
  readonly url: string;
  readonly connects: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startConnectProxy(requiredAuthorization?: string): Promise<ConnectProxy> {
  const connects: ConnectProxy["connects"] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    res.writeHead(405);
    res.end("this proxy only tunnels");
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    const authorization = req.headers["proxy-authorization"];
    connects.push({ target: req.url ?? "", authorization });
    sockets.add(client);
    if (requiredAuthorization !== undefined && authorization !== requiredAuthorization) {
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
      return;
    }
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const close = (): void => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on("error", close);
    client.on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
