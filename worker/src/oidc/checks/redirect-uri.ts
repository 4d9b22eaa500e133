/**
 * Rule: `redirect_uri` is present and exactly one of the client's registered URIs — compared
 * as strings, no normalisation, no partial or query-insensitive matching (RFC 9700 2.1,
 * oidcc-ensure-registered-redirect-uri, oidcc-redirect-uri-query-*). Failing this shows an error
 * page and never redirects.
 */
import type { Client } from "../../storage/client-store.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export function requireRedirectUri(client: Client, params: Params): string {
  const uri = params.redirect_uri;
  if (!uri) throw oauth("invalid_request", "redirect_uri is missing");
  if (!client.redirectUris.includes(uri)) {
    throw oauth("invalid_request", "redirect_uri is not registered for this service");
  }
  return uri;
}
