/**
 * The load generator's HTTP client: small POSTs over keep-alive connections to the loopback
 * address. Two implementations so their own cost can be compared: `node:http` with a keep-alive
 * agent (default; the leaner of the two in Node) and the global `fetch` (undici).
 */
import { Agent, request } from "node:http";

export type Reply = { status: number; text: string };
export type Post = (path: string, body?: unknown) => Promise<Reply>;
export type Get = (path: string) => Promise<Reply>;

export type Client = { post: Post; get: Get; close(): void };

const TIMEOUT_MS = 10_000;

export function httpClient(port: number, maxSockets: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const send = (method: "GET" | "POST", path: string, body?: unknown): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method,
          agent,
          headers: payload
            ? { "content-type": "application/json", "content-length": payload.length }
            : method === "POST"
              ? { "content-length": 0 }
              : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
      req.end(payload);
    });
  return {
    post: (path, body) => send("POST", path, body),
    get: (path) => send("GET", path),
    close: () => agent.destroy(),
  };
}

export function fetchClient(port: number): Client {
  const origin = `http://127.0.0.1:${port}`;
  const post: Post = async (path, body) => {
    const response = await fetch(`${origin}${path}`, {
      method: "POST",
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  };
  const get: Get = async (path) => {
    const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: response.status, text: await response.text() };
  };
  return { post, get, close: () => {} };
}

/** The worker answered something other than what a working login flow gets. */
export class FunctionalError extends Error {
  override name = "FunctionalError";
}

export function expectStatus(step: string, reply: Reply, status: number): void {
  if (reply.status !== status) {
    throw new FunctionalError(
      `${step}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 300)}`,
    );
  }
}
