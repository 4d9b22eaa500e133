/**
 * The load generator's HTTP client: small requests over keep-alive connections to the loopback
 * address. Two implementations so their own cost can be compared: `node:http` with a keep-alive
 * agent (default; the leaner of the two in Node) and the global `fetch` (undici).
 *
 * Either takes default headers, sent on every request unless the request names the same header
 * (names in lower case): the benches give their client the login binding cookie of the browser
 * it plays (login-start.ts), so that every step of every login it starts comes from that browser.
 */
import { Agent, request } from "node:http";

/** Response headers, names in lower case; `set-cookie` is the list of every one. */
export type ReplyHeaders = Record<string, string | string[] | undefined>;
export type Reply = { status: number; text: string; headers: ReplyHeaders };
export type Post = (path: string, body?: unknown) => Promise<Reply>;
export type Get = (path: string) => Promise<Reply>;
/** Any request, headers and body as given; redirects are answers, never followed. */
export type Send = (request: {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}) => Promise<Reply>;

export type Client = { post: Post; get: Get; send: Send; close(): void };

const TIMEOUT_MS = 10_000;

/** A JSON body for `post`, or none. */
function jsonRequest(path: string, body: unknown): Parameters<Send>[0] {
  return body === undefined
    ? { method: "POST", path }
    : {
        method: "POST",
        path,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      };
}

/** Request headers: a client's defaults, then the request's own (lower-case names). */
export type HeaderMap = Record<string, string>;

export function httpClient(port: number, maxSockets: number, defaults: HeaderMap = {}): Client {
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const send: Send = ({ method, path, headers: own = {}, body }) =>
    new Promise((resolve, reject) => {
      const headers = { ...defaults, ...own };
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method,
          agent,
          headers:
            method === "POST" ? { ...headers, "content-length": payload?.length ?? 0 } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
              headers: res.headers,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
      req.end(payload);
    });
  return {
    post: (path, body) => send(jsonRequest(path, body)),
    get: (path) => send({ method: "GET", path }),
    send,
    close: () => agent.destroy(),
  };
}

export function fetchClient(port: number, defaults: HeaderMap = {}): Client {
  const origin = `http://127.0.0.1:${port}`;
  const send: Send = async ({ method, path, headers = {}, body }) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { ...defaults, ...headers },
      ...(body === undefined ? {} : { body }),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const replyHeaders: ReplyHeaders = {};
    response.headers.forEach((value, name) => {
      replyHeaders[name] = value;
    });
    replyHeaders["set-cookie"] = response.headers.getSetCookie();
    return { status: response.status, text: await response.text(), headers: replyHeaders };
  };
  return {
    post: (path, body) => send(jsonRequest(path, body)),
    get: (path) => send({ method: "GET", path }),
    send,
    close: () => {},
  };
}

/** Every `Set-Cookie` line of a reply, for a cookie jar. */
export function setCookies(reply: Reply): string[] {
  const set = reply.headers["set-cookie"];
  return Array.isArray(set) ? set : set ? [set] : [];
}

/** The one value of header `name` (the first, if it came more than once). */
export function header(reply: Reply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value[0] : value;
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
