/**
 * Rule: `requested_expiry` (CIBA Core 7.1), the seconds the client asks the request to live:
 * a positive integer, granted up to the approval lifetime of this deployment
 * (`MOBILE_APPROVAL_TTL_SECONDS`), which is also the default.
 */
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/** The request's lifetime in milliseconds. @example requestedExpiry({}, 300_000) // 300000 */
export function requestedExpiry(params: Params, maxMs: number): number {
  const raw = params.requested_expiry;
  if (raw === undefined) return maxMs;
  if (!POSITIVE_INTEGER.test(raw)) {
    throw oauth("invalid_request", "requested_expiry must be a positive integer (seconds)");
  }
  return Math.min(Number(raw) * 1000, maxMs);
}
