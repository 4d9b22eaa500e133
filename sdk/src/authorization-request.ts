/**
 * The authorization request (OIDC Core 3.1.2.1 with PKCE S256, RFC 7636): a URL for the
 * browser, and what the agency must keep until the callback — `state`, `nonce`, the code
 * verifier and the requirements the ID token will be held to.
 */
import { type AcrLevel, acrUri } from "./acr.ts";
import type { ProviderMetadata } from "./discovery.ts";
import { codeChallenge, randomToken } from "./random.ts";

/**
 * Parameters of an authorization request.
 *
 * @example
 * ```ts
 * await client.createAuthorizationRequest({ redirectUri, scope: "openid profile", acr: "substantial" });
 * ```
 */
export type AuthorizationRequestOptions = {
  /** One of the client's registered redirect URIs, exactly. */
  redirectUri: string;
  /** Space-separated scopes; `openid` is added when missing. Default `"openid"`. */
  scope?: string;
  /** The lowest level of assurance the service needs; the ID token is checked against it. */
  acr?: AcrLevel;
  /** A document number (DNI, NIE, codice fiscale) to prefill. */
  loginHint?: string;
  /** Preferred languages of the login page, e.g. `"es ca en"`. */
  uiLocales?: string;
  /** `none` (no interaction: `login_required` without a session), `login` or `consent`. */
  prompt?: "none" | "login" | "consent";
  /** Seconds since the citizen last logged in; older sessions log in again. */
  maxAge?: number;
};

/**
 * What to keep (in the agency's session, server-side or in an encrypted cookie) between the
 * redirect and the callback, and pass to `handleCallback`. Plain JSON.
 *
 * @example
 * ```ts
 * const request = await client.createAuthorizationRequest({ redirectUri, acr: "substantial" });
 * session.set("llave", JSON.stringify(request.expected));
 * // … on the callback:
 * const expected: ExpectedCallback = JSON.parse(session.get("llave"));
 * const { claims } = await client.handleCallback(callbackUrl, expected);
 * ```
 */
export type ExpectedCallback = {
  /** The `state` sent; the callback must bring it back. */
  state: string;
  /** The `nonce` sent; the ID token must carry it. */
  nonce: string;
  /** The PKCE verifier, sent with the code (the request carried its S256 challenge). */
  codeVerifier: string;
  /** The redirect URI of the request, sent again with the code. */
  redirectUri: string;
  /** The level of assurance asked for; a login below it is refused (`acr_not_met`). */
  acr?: AcrLevel;
  /** The `max_age` asked for, checked against the ID token's `auth_time`. */
  maxAge?: number;
};

/**
 * Attributes for a `<llave-login>` element that starts the same request in the page.
 *
 * @example
 * ```ts
 * for (const [name, value] of Object.entries(request.elementAttributes)) element.setAttribute(name, value);
 * ```
 */
export type LoginElementAttributes = {
  /** The issuer identifier. */
  issuer: string;
  /** The client id. */
  "client-id": string;
  /** The request's redirect URI. */
  "redirect-uri": string;
  /** The scopes, space-separated, `openid` included. */
  scope: string;
  /** The level asked for, as an `acr` URI. */
  acr?: string;
  /** The request's `state`. */
  state: string;
  /** The request's `nonce`. */
  nonce: string;
  /** The PKCE S256 challenge of `codeVerifier` (the verifier never reaches the page). */
  "code-challenge": string;
  /** The document number to prefill. */
  "login-hint"?: string;
  /** The first of `uiLocales`. */
  locale?: string;
};

/**
 * The result of `createAuthorizationRequest`.
 *
 * @example
 * ```ts
 * const { url, expected } = await client.createAuthorizationRequest({ redirectUri });
 * ```
 */
export type AuthorizationRequest = {
  /** Where to redirect the browser. */
  url: URL;
  /** The random `state` (also in `expected`); a handy key for the stored request. */
  state: string;
  /** The random `nonce` (also in `expected`). */
  nonce: string;
  /** The PKCE verifier (also in `expected`): keep it server-side, never in the page. */
  codeVerifier: string;
  /** Everything `handleCallback` needs, to store as one value. */
  expected: ExpectedCallback;
  /** The same request as `<llave-login>` attributes. */
  elementAttributes: LoginElementAttributes;
};

export async function authorizationRequest(
  metadata: ProviderMetadata,
  clientId: string,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  const state = randomToken();
  const nonce = randomToken();
  const codeVerifier = randomToken();
  const challenge = await codeChallenge(codeVerifier);
  const scopes = (options.scope ?? "openid").split(/\s+/).filter(Boolean);
  const scope = (scopes.includes("openid") ? scopes : ["openid", ...scopes]).join(" ");

  const url = new URL(metadata.authorization_endpoint);
  const params: [string, string | undefined][] = [
    ["response_type", "code"],
    ["client_id", clientId],
    ["redirect_uri", options.redirectUri],
    ["scope", scope],
    ["state", state],
    ["nonce", nonce],
    ["code_challenge", challenge],
    ["code_challenge_method", "S256"],
    ["acr_values", options.acr && acrUri(options.acr)],
    ["login_hint", options.loginHint],
    ["ui_locales", options.uiLocales],
    ["prompt", options.prompt],
    ["max_age", options.maxAge === undefined ? undefined : String(options.maxAge)],
  ];
  for (const [name, value] of params) if (value !== undefined) url.searchParams.set(name, value);

  const expected: ExpectedCallback = {
    state,
    nonce,
    codeVerifier,
    redirectUri: options.redirectUri,
    ...(options.acr === undefined ? {} : { acr: options.acr }),
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
  };
  const elementAttributes: LoginElementAttributes = {
    issuer: metadata.issuer,
    "client-id": clientId,
    "redirect-uri": options.redirectUri,
    scope,
    state,
    nonce,
    "code-challenge": challenge,
    ...(options.acr === undefined ? {} : { acr: acrUri(options.acr) }),
    ...(options.loginHint === undefined ? {} : { "login-hint": options.loginHint }),
    ...(options.uiLocales === undefined ? {} : { locale: options.uiLocales.split(/\s+/)[0] ?? "" }),
  };
  return { url, state, nonce, codeVerifier, expected, elementAttributes };
}
