/**
 * The admin API over HTTP, for `npm run clients` and `npm run activation-code`: where Llave is
 * (LLAVE_URL, by default the local stack where `npm run dev` last said it listens, in
 * .data/dev-stack.json), the operator's token (LLAVE_ADMIN_TOKEN, by default the ADMIN_TOKEN
 * that `npm run dev` keeps in .data/dev-secrets.json), and problems turned into errors that
 * say what the server refused.
 */
import { dataDir, readDevStackFile, readSecret } from "./dev-stack-file.ts";

/** Where the local stack listens when nothing says otherwise. */
export const DEFAULT_URL = "http://localhost:8787";

export type AdminTarget = { url: string; token: string };

/** A problem answer (RFC 9457) from the admin API. */
export class AdminProblem extends Error {
  override name = "AdminProblem";
  readonly status: number;
  readonly code: string;
  readonly errors: { path: string; message: string }[];

  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.detail ?? body.title ?? `HTTP ${status}`));
    this.status = status;
    this.code = typeof body.code === "string" ? body.code : "unknown";
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

/** Something other than Llave's admin API answered, or nothing did. */
export class AdminUnreachable extends Error {
  override name = "AdminUnreachable";
}

/**
 * The target from the environment; throws with what to set when there is no token.
 *
 * @example await adminCall(adminTarget(), "GET", "/admin/clients");
 */
export function adminTarget(env: NodeJS.ProcessEnv = process.env): AdminTarget {
  const dir = dataDir(env);
  const stack = readDevStackFile(dir);
  const url = (env.LLAVE_URL || stack?.url || DEFAULT_URL).replace(/\/+$/, "");
  const location = stack?.adminToken ?? { file: "dev-secrets.json", key: "ADMIN_TOKEN" };
  const token = env.LLAVE_ADMIN_TOKEN || readSecret(dir, location, env);
  if (!token) {
    throw new AdminUnreachable(
      "env" in location
        ? `No admin token: npm run dev was given ${location.env} by its shell; set LLAVE_ADMIN_TOKEN to it`
        : "No admin token: set LLAVE_ADMIN_TOKEN, or run `npm run dev` once to create .data/dev-secrets.json",
    );
  }
  return { url, token };
}

/**
 * One admin API call; the parsed JSON answer, or an AdminProblem.
 *
 * @example
 * await adminCall(adminTarget(), "GET", "/admin/clients/demo-agency");
 */
export async function adminCall(
  target: AdminTarget,
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${target.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause ?? error.message) : error;
    throw new AdminUnreachable(`Cannot reach Llave at ${target.url}: ${String(cause)}`);
  }
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("application/problem+json")) {
    throw new AdminProblem(response.status, JSON.parse(text));
  }
  if (!response.ok || !type.startsWith("application/json")) {
    throw new AdminUnreachable(
      `${target.url} answered ${response.status} ${type || "without a content type"}: ${text.slice(0, 200)}`,
    );
  }
  return JSON.parse(text);
}
