/**
 * What the conformance scenarios share: the checks the OpenID conformance suite makes on every
 * answer — an error page where no redirect may happen, an authorization response with `state`
 * and `iss`, a token or userinfo error with its exact code — and a relying party that signs a
 * citizen in. Each scenario file stays one suite module; the rules live here once.
 */
import {
  base64url,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { expect } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "../worker/harness.ts";
import {
  type Authorization,
  type Browser,
  REDIRECT_URI,
  type relyingParty,
} from "../worker/relying-party.ts";

export type RelyingParty = Awaited<ReturnType<typeof relyingParty>>;

export type TokenSet = {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token: string;
  scope: string;
  refresh_token?: string;
};

/** The `error` codes of RFC 6749 5.2, 4.1.2.1, OIDC Core 3.1.2.6, RFC 6750 3.1. */
export const OAUTH_ERROR_CODES = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "unsupported_response_type",
  "invalid_scope",
  "access_denied",
  "server_error",
  "temporarily_unavailable",
  "login_required",
  "consent_required",
  "interaction_required",
  "account_selection_required",
  "invalid_request_uri",
  "invalid_request_object",
  "request_not_supported",
  "request_uri_not_supported",
  "registration_not_supported",
  "unmet_authentication_requirements",
  "invalid_token",
  "insufficient_scope",
];

/**
 * /authorize could not trust the redirect URI: a 400 HTML page naming `error`, and no
 * redirect anywhere (RFC 6749 4.1.2.1, RFC 9700 4.11.2).
 */
export async function expectErrorPage(response: Response, error: string): Promise<void> {
  const body = await response.text();
  expect(response.status, body).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(body).toContain(`data-error="${error}"`);
}

/** The parameters of a redirect to `redirectUri` (exactly that URI, plus parameters), or a failure. */
export function redirectParams(response: Response, redirectUri = REDIRECT_URI): URLSearchParams {
  expect([302, 303], `status ${response.status}`).toContain(response.status);
  const location = new URL(response.headers.get("location") ?? "");
  const registered = new URL(redirectUri);
  expect(`${location.origin}${location.pathname}`).toBe(
    `${registered.origin}${registered.pathname}`,
  );
  for (const [name, value] of registered.searchParams) {
    expect(location.searchParams.getAll(name)).toEqual([value]);
  }
  expect(location.hash).toBe("");
  return location.searchParams;
}

/**
 * An error sent to the client (OIDC Core 3.1.2.6): `error`, `state` verbatim, `iss` (RFC 9207),
 * and no code.
 */
export function expectErrorResponse(
  params: URLSearchParams,
  expected: { error: string; state: string | null; issuer: string },
): void {
  expect(params.get("error")).toBe(expected.error);
  expect(params.getAll("state")).toEqual(expected.state === null ? [] : [expected.state]);
  expect(params.getAll("iss")).toEqual([expected.issuer]);
  expect(params.has("code")).toBe(false);
}

/** A successful authorization response: one code, `state` verbatim, `iss`, no error. */
export function expectCodeResponse(
  params: URLSearchParams,
  expected: { state: string | null; issuer: string },
): string {
  expect(params.get("error"), params.get("error_description") ?? "").toBeNull();
  expect(params.getAll("state")).toEqual(expected.state === null ? [] : [expected.state]);
  expect(params.getAll("iss")).toEqual([expected.issuer]);
  const codes = params.getAll("code");
  expect(codes).toHaveLength(1);
  return codes[0] ?? "";
}

/** A token-endpoint style error (RFC 6749 5.2): the status, JSON with `error`, never cached. */
export async function expectTokenError(
  response: Response,
  expected: { status: number; error: string },
): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(expected.status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body.error).toBe(expected.error);
  expect(body).not.toHaveProperty("access_token");
}

/** A successful token response (RFC 6749 5.1, OIDC Core 3.1.3.3). */
export async function tokensOf(response: Response): Promise<TokenSet> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const tokens = JSON.parse(text) as TokenSet;
  expect(tokens.token_type).toBe("Bearer");
  expect(tokens.access_token).toEqual(expect.any(String));
  expect(tokens.id_token).toEqual(expect.any(String));
  expect(tokens.expires_in).toBeGreaterThan(0);
  return tokens;
}

/** GET /userinfo with the access token as a bearer (RFC 6750 2.1). */
export const userinfo = (h: Harness, accessToken: string) =>
  h.call("GET", "/userinfo", undefined, { authorization: `Bearer ${accessToken}` });

/** The claims of a successful userinfo answer. */
export async function claimsOf(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A refused bearer token (RFC 6750 3.1): 401 `invalid_token` with the Bearer challenge. */
export async function expectInvalidToken(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
  expect(((await response.json()) as { error: string }).error).toBe("invalid_token");
}

export type SignedIn = {
  auth: Authorization;
  code: string;
  tokens: TokenSet;
  claims: JWTPayload;
};

/**
 * The whole code flow for `citizen` in `browser` (logging in if the browser has no usable
 * session): authorize, check the response, redeem the code, verify the ID token.
 */
export async function signIn(
  h: Harness,
  rp: RelyingParty,
  browser: Browser,
  citizen: Citizen | null,
  extra: Record<string, string | undefined> = {},
  pinExtra: Record<string, unknown> = {},
  options: { mustLogIn?: boolean } = {},
): Promise<SignedIn> {
  const auth = await rp.authorization(extra);
  const params = await rp.authorize(browser, auth, citizen, pinExtra, options);
  const code = expectCodeResponse(params, { state: auth.state, issuer: h.config.issuer });
  const tokens = await tokensOf(await rp.redeem(code, auth));
  const claims = await rp.verifyIdToken(tokens.id_token);
  return { auth, code, tokens, claims };
}

/** `signIn` where the session may not answer: /authorize must hand over to the login page. */
export const signInAgain = (
  h: Harness,
  rp: RelyingParty,
  browser: Browser,
  citizen: Citizen,
  extra: Record<string, string | undefined> = {},
  pinExtra: Record<string, unknown> = {},
): Promise<SignedIn> => signIn(h, rp, browser, citizen, extra, pinExtra, { mustLogIn: true });

/** An ES256 key pair of a client, and the public JWKS to register it with. */
export async function clientKeyPair(kid = "rp-2030") {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return { privateKey, kid, jwks: { keys: [jwk as Record<string, unknown>] } };
}

/**
 * A request object (OIDC Core 6.1): `claims` signed by the client's key, issued by the client
 * for `audience`, valid for five minutes from `now` unless `claims` says otherwise.
 */
export function requestObject(
  claims: Record<string, unknown>,
  signer: { privateKey: CryptoKey; kid: string },
  options: { clientId: string; audience: string; now: number },
): Promise<string> {
  const iat = Math.floor(options.now / 1000);
  return new SignJWT({
    iss: options.clientId,
    aud: options.audience,
    iat,
    exp: iat + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: "ES256", kid: signer.kid, typ: "oauth-authz-req+jwt" })
    .sign(signer.privateKey);
}

/** An unsigned JWT (`alg: none`, RFC 7519 6.1). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: "none" })}.${part(claims)}.`;
}

/** The registered post-logout redirect URI of `relyingParty` clients. */
export const POST_LOGOUT_URI = "https://sede.agencia.example/";

/** GET /logout with these parameters, in `browser`. */
export const logout = (browser: Browser, params: Record<string, string>) =>
  browser.request("GET", `/logout?${new URLSearchParams(params)}`);

/** Whether the browser's single sign-on session still answers `prompt=none` with a code. */
export async function sessionAlive(rp: RelyingParty, browser: Browser): Promise<boolean> {
  const auth = await rp.authorization({ prompt: "none" });
  const response = await browser.request("GET", rp.authorizePath(auth.params));
  return redirectParams(response).has("code");
}

/** A back-channel logout POST as the provider sent it. */
export type LogoutDelivery = { url: string; method: string; contentType: string; token: string };

/**
 * A harness whose outbound fetcher records back-channel logout POSTs (and answers 200), so
 * scenarios can read the logout tokens (Back-Channel Logout 1.0 §2.5).
 */
export function recordingOutbound() {
  const sent: LogoutDelivery[] = [];
  const outbound = async (url: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    const form = new URLSearchParams(String(init.body ?? ""));
    sent.push({
      url,
      method: init.method ?? "GET",
      contentType: headers.get("content-type") ?? "",
      token: form.get("logout_token") ?? "",
    });
    return new Response(null, { status: 200 });
  };
  return { sent, outbound };
}

const BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/**
 * Verifies a logout token as a relying party must (Back-Channel Logout 1.0 §2.6): signed by
 * the provider, `typ: logout+jwt`, for `clientId`, with the back-channel event, `iat`, `jti`,
 * `sid`, and no `nonce`.
 */
export async function verifyLogoutToken(
  h: Harness,
  token: string,
  clientId: string,
): Promise<JWTPayload> {
  const jwks = (await (await h.call("GET", "/jwks")).json()) as { keys: never[] };
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: h.config.issuer,
    audience: clientId,
    typ: "logout+jwt",
    currentDate: new Date(h.clock.now()),
  });
  expect(protectedHeader.alg).not.toBe("none");
  expect(payload.events).toEqual({ [BACKCHANNEL_EVENT]: {} });
  expect(payload.iat).toEqual(expect.any(Number));
  expect(payload.jti).toEqual(expect.any(String));
  expect(payload.sid).toEqual(expect.any(String));
  expect(payload).not.toHaveProperty("nonce");
  return payload;
}
