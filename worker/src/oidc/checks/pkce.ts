/**
 * Rule: PKCE with S256 is required (RFC 9700 2.1.1, fapi2 PKCE modules): a challenge of 43
 * base64url characters (a SHA-256), method S256 stated explicitly — `plain` and a missing
 * method (which would mean plain) are refused.
 */
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function requirePkce(params: Params): string {
  const challenge = params.code_challenge;
  if (!challenge) throw oauth("invalid_request", "code_challenge is required (PKCE)");
  if (params.code_challenge_method !== "S256") {
    throw oauth("invalid_request", "code_challenge_method must be S256");
  }
  if (!CHALLENGE.test(challenge)) {
    throw oauth("invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
  }
  return challenge;
}

/** RFC 7636 4.1: 43–128 characters from the unreserved set. */
export const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
