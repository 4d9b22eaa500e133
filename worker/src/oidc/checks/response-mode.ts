/**
 * Rule: how the response travels. `query` (the default, RFC 6749 4.1.2) redirects to the
 * redirect URI; `web_message` (draft-sakimura-oauth-wmrm, as `<llave-login>` uses it) posts
 * the response from the login frame to the embedding page, whose origin (`web_message_uri`)
 * must be one the client registered for framing: the login page then allows framing by that
 * origin only and posts to it only. Checked before any error may be sent back, because the
 * mode decides where errors go; other modes answer in the query, where response-type.ts
 * refuses them.
 */
import type { Client } from "../../storage/client-store.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

export type ResponseMode =
  | { kind: "query" }
  | { kind: "web_message"; origin: string }
  /**
   * Llave's own pages (the citizen's area), never a client's: the login ends in the session
   * alone and the browser goes back to the redirect URI's path; an error is shown on a page
   * that offers `retry`. No request can ask for it: only Llave builds such a request.
   */
  | { kind: "own_page"; name: string; retry: string };

export function responseMode(client: Client, params: Params): ResponseMode {
  if (params.response_mode !== "web_message") return { kind: "query" };
  const origin = params.web_message_uri;
  if (!origin) throw oauth("invalid_request", "response_mode=web_message needs web_message_uri");
  if (!client.frameOrigins.includes(origin)) {
    throw oauth(
      "invalid_request",
      "web_message_uri is not an origin this client registered for the login frame",
    );
  }
  return { kind: "web_message", origin };
}
