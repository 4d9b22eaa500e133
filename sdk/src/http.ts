/**
 * The one place the SDK talks to the network: the configured `fetch`, network failures and
 * non-JSON answers turned into {@link LlaveError}s, and the OAuth error body recognised.
 */
import { LlaveError, oauthError } from "./errors.ts";

/**
 * A `fetch`-compatible function (the global one by default).
 *
 * @example
 * ```ts
 * createClient({ issuer, clientId, clientSecret, fetch: env.LLAVE.fetch.bind(env.LLAVE) });
 * ```
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Calls `fetch`, mapping a thrown error to `network_error` (without the URL's query). */
export async function send(fetcher: FetchLike, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetcher(url, { redirect: "manual", ...init });
  } catch (cause) {
    throw new LlaveError("network_error", `Could not reach ${new URL(url).origin}`, { cause });
  }
}

/** The JSON object in a response body, or `invalid_response`. */
export async function jsonObject(
  response: Response,
  what: string,
): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new LlaveError("invalid_response", `${what}: the answer is not JSON`, {
      status: response.status,
    });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new LlaveError("invalid_response", `${what}: the answer is not a JSON object`, {
      status: response.status,
    });
  }
  return body as Record<string, unknown>;
}

/**
 * The JSON body of a successful OAuth endpoint answer; an RFC 6749 5.2 error body becomes an
 * `oauth_error`, anything else that is not 2xx `invalid_response`.
 */
export async function oauthJson(
  response: Response,
  what: string,
): Promise<Record<string, unknown>> {
  if (response.ok) return jsonObject(response, what);
  const body = await jsonObject(response, what).catch(() => null);
  if (body && typeof body.error === "string") {
    const description =
      typeof body.error_description === "string" ? body.error_description : undefined;
    throw oauthError({ error: body.error, error_description: description }, response.status);
  }
  throw new LlaveError("invalid_response", `${what}: HTTP ${response.status}`, {
    status: response.status,
  });
}
