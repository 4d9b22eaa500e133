/**
 * Checks the authorization response before the code is used: `iss` first (RFC 9207 — Llave
 * always sends it, so a missing one is as suspect as a wrong one: it defeats mix-up attacks),
 * then `state` (CSRF), then an error answer, then the code.
 */
import { LlaveError, oauthError } from "./errors.ts";

/**
 * The callback as the agency received it: the full URL, or its query parameters.
 *
 * @example
 * ```ts
 * await client.handleCallback(request, expected); // or request.url, or new URL(request.url).searchParams
 * ```
 */
export type CallbackInput = string | URL | URLSearchParams | Request;

/** Returns the authorization code of a valid, successful response. */
export function authorizationCode(input: CallbackInput, issuer: string, state: string): string {
  const params = parameters(input);
  if (params.getAll("iss").length > 1 || params.getAll("state").length > 1) {
    throw new LlaveError("invalid_state", "The callback repeats iss or state");
  }
  const iss = params.get("iss");
  if (iss === null) throw new LlaveError("missing_iss", "The callback has no iss (RFC 9207)");
  if (iss !== issuer) {
    throw new LlaveError("iss_mismatch", "The callback's iss is not the configured issuer");
  }
  if (params.get("state") !== state) {
    throw new LlaveError("invalid_state", "The callback's state does not match the request");
  }
  const error = params.get("error");
  if (error !== null) {
    throw oauthError({ error, error_description: params.get("error_description") ?? undefined });
  }
  const code = params.get("code");
  if (!code) throw new LlaveError("invalid_response", "The callback has neither code nor error");
  return code;
}

function parameters(input: CallbackInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (input instanceof URL) return input.searchParams;
  if (typeof input === "string") {
    return input.includes("://")
      ? new URL(input).searchParams
      : new URLSearchParams(input.replace(/^\?/, ""));
  }
  return new URL(input.url).searchParams;
}
