/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the end-session URL. */

import type { ProviderMetadata } from "./discovery.ts";
import { LlaveError } from "./errors.ts";

/**
 * Parameters of the logout URL.
 *
 * @example
 * ```ts
 * await client.logoutUrl({ idTokenHint: tokens.idToken, postLogoutRedirectUri: "https://sede.example/" });
 * ```
 */
export type LogoutOptions = {
  /** The ID token of the session; lets Llave end it without asking the citizen. */
  idTokenHint?: string;
  /** One of the client's registered post-logout redirect URIs. */
  postLogoutRedirectUri?: string;
  /** Returned on the post-logout redirect. */
  state?: string;
  /** Preferred languages of Llave's logout page. */
  uiLocales?: string;
};

export function endSessionUrl(
  metadata: ProviderMetadata,
  clientId: string,
  options: LogoutOptions,
): URL {
  if (!metadata.end_session_endpoint) {
    throw new LlaveError("discovery_failed", "Discovery has no end_session_endpoint");
  }
  const url = new URL(metadata.end_session_endpoint);
  url.searchParams.set("client_id", clientId);
  if (options.idTokenHint) url.searchParams.set("id_token_hint", options.idTokenHint);
  if (options.postLogoutRedirectUri) {
    url.searchParams.set("post_logout_redirect_uri", options.postLogoutRedirectUri);
  }
  if (options.state) url.searchParams.set("state", options.state);
  if (options.uiLocales) url.searchParams.set("ui_locales", options.uiLocales);
  return url;
}
