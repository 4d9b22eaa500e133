/**
 * Rule: only the authorization code flow, answered in the query or, for `<llave-login>`, by
 * web message (RFC 9700 2.1.2: no implicit or hybrid flows, no tokens in the front channel).
 */
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export function requireCodeFlow(params: Params): void {
  if (!params.response_type) throw oauth("invalid_request", "response_type is missing");
  if (params.response_type !== "code") {
    throw oauth("unsupported_response_type", "Only response_type=code is supported");
  }
  const mode = params.response_mode;
  if (mode !== undefined && mode !== "query" && mode !== "web_message") {
    throw oauth("invalid_request", "Only response_mode=query or web_message is supported");
  }
}
