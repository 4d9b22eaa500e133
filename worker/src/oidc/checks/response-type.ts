/**
 * Rule: only the authorization code flow, answered in the query (RFC 9700 2.1.2: no implicit
 * or hybrid flows, no tokens in the front channel).
 */
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export function requireCodeFlow(params: Params): void {
  if (!params.response_type) throw oauth("invalid_request", "response_type is missing");
  if (params.response_type !== "code") {
    throw oauth("unsupported_response_type", "Only response_type=code is supported");
  }
  if (params.response_mode !== undefined && params.response_mode !== "query") {
    throw oauth("invalid_request", "Only response_mode=query is supported");
  }
}
