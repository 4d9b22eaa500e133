/**
 * Serves a Web handler (Request → Response), such as the libSQL bridge or the dev outbox of
 * scripts/lib, over `node:http` on the loopback address, so that raw workerd can reach it as an
 * `external` service. Miniflare does the same for its service bindings to Node functions; here
 * the adapter is ours, and the handlers stay the ones the local stack uses. The demo agency
 * site (demo/agency.ts) is served the same way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the adapter reads from a handler's answer: the global Response or Miniflare's. */
type WebResponse = {
  status: number;
  headers: { forEach(fn: (value: string, name: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
};
export type WebHandler = (request: Request) => Promise<WebResponse>;

export type WebServer = { name: string; address: string; port: number; close(): Promise<void> };

const MAX_BODY_BYTES = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function answer(handler: WebHandler, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  // A plain Uint8Array: what both Node's and the DOM's BodyInit accept.
  const body =
    method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers,
    ...(body ? { body } : {}),
  });
  const response = await handler(request);
  const payload = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  const bodyless = response.status === 204 || response.status === 304;
  if (!bodyless) res.setHeader("content-length", payload.length);
  res.writeHead(response.status);
  res.end(bodyless ? undefined : payload);
}

/** Listens on 127.0.0.1 (a free port unless given) and answers every request with `handler`. */
export function serveWebHandler(name: string, handler: WebHandler, port = 0): Promise<WebServer> {
  const server = createServer((req, res) => {
    answer(handler, req, res).catch((error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : error}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`${name} failed`);
    });
  });
  // workerd keeps its connections to an external service open between requests.
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        name,
        address: `127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
