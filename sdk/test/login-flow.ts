/**
 * The relying party's side of a whole login against a real Llave, written once and run on
 * every runtime the SDK claims: on Node and inside workerd with the source, on Deno with the
 * built package (test/deno-login-flow.ts). No test framework here, so any runtime can run it;
 * it records what the provider and the SDK answered in a JSON-safe report, and the tests
 * assert on that report (login-flow.expect.ts).
 *
 * The citizen's side — following the authorization URL through the login page with a PIN —
 * is the caller's `logIn`, since each runtime's tests drive the browser their own way.
 */
import type * as Sdk from "../src/index.ts";

/** The SDK entry points the flow needs: the source or the built `dist/`. */
export type SdkModule = Pick<typeof Sdk, "createClient" | "isLlaveError">;

export type LoginFlowSetup = {
  /** The registered client (it must allow `offline_access`, `profile` and `document`). */
  client: Sdk.ClientOptions;
  redirectUri: string;
  postLogoutRedirectUri: string;
};

/** The citizen's side: follows the authorization URL to the login and returns the callback URL. */
export type LogIn = (authorizationUrl: URL) => Promise<string>;

/** How a call that should fail failed (or `{ resolved: true }` if it did not). */
export type Refusal =
  | { llaveError: true; code: string; error?: string | undefined }
  | { llaveError: false; resolved?: true; message?: string };

export type LoginFlowReport = {
  /** `navigator.userAgent` where the flow ran (`Deno/2.…`, `Node.js/24`, `Cloudflare-Workers`). */
  runtime: string;
  /** The request's nonce, to compare with the ID token's. */
  nonce: string;
  /** The callback with another `state` stored, and with another issuer's `iss`. */
  wrongState: Refusal;
  wrongIssuer: Refusal;
  claims: Sdk.IdTokenClaims;
  tokens: { refreshToken: boolean; idToken: boolean; scope: string | undefined };
  userinfo: Sdk.UserinfoClaims;
  accessToken: Sdk.AccessTokenClaims;
  /** `verifyAccessToken` for an API with another audience. */
  wrongAudience: Refusal;
  introspection: Sdk.IntrospectionResult;
  refreshed: { sub: string | undefined; rotated: boolean; newAccessToken: boolean };
  /** A refresh with the refresh token revoked, and introspection of its access token then. */
  afterRevoke: { refresh: Refusal; introspection: Sdk.IntrospectionResult };
  /** The RP-initiated logout URL (state `bye`). */
  logoutUrl: string;
};

async function refusal(sdk: SdkModule, promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
    return { llaveError: false, resolved: true };
  } catch (error) {
    if (sdk.isLlaveError(error)) return { llaveError: true, code: error.code, error: error.error };
    return { llaveError: false, message: String(error) };
  }
}

/**
 * Logs a citizen in through `logIn` and uses what the login gave: the callback refused with a
 * wrong `state` and a wrong `iss` (before the code is redeemed), then accepted; userinfo;
 * verifyAccessToken (and a wrong audience refused); introspection; refresh; revoke (then the
 * refresh refused and the access token inactive); the logout URL.
 */
export async function loginFlow(
  sdk: SdkModule,
  setup: LoginFlowSetup,
  logIn: LogIn,
): Promise<LoginFlowReport> {
  const llave = sdk.createClient(setup.client);
  const request = await llave.createAuthorizationRequest({
    redirectUri: setup.redirectUri,
    scope: "openid profile document offline_access",
    acr: "low",
    uiLocales: "es",
  });
  const callback = await logIn(request.url);

  const wrongState = await refusal(
    sdk,
    llave.handleCallback(callback, { ...request.expected, state: "not-the-stored-state" }),
  );
  const forged = new URL(callback);
  forged.searchParams.set("iss", "https://llave.attacker.example");
  const wrongIssuer = await refusal(sdk, llave.handleCallback(forged, request.expected));

  const { claims, tokens } = await llave.handleCallback(callback, request.expected);
  const userinfo = await llave.userinfo(tokens.accessToken, { subject: claims.sub });
  const accessToken = await llave.verifyAccessToken(tokens.accessToken, {
    audience: llave.clientId,
    scopes: ["profile"],
  });
  const wrongAudience = await refusal(
    sdk,
    llave.verifyAccessToken(tokens.accessToken, { audience: "another-agency" }),
  );
  const introspection = await llave.introspect(tokens.accessToken, {
    tokenTypeHint: "access_token",
  });

  const refreshed = await llave.refresh(tokens.refreshToken ?? "", { subject: claims.sub });
  const next = refreshed.tokens;
  await llave.revoke(next.refreshToken ?? "", { tokenTypeHint: "refresh_token" });
  const afterRevoke = {
    refresh: await refusal(sdk, llave.refresh(next.refreshToken ?? "")),
    introspection: await llave.introspect(next.accessToken),
  };

  const logoutUrl = await llave.logoutUrl({
    idTokenHint: tokens.idToken ?? "",
    postLogoutRedirectUri: setup.postLogoutRedirectUri,
    state: "bye",
  });

  return {
    runtime: navigator.userAgent,
    nonce: request.nonce,
    wrongState,
    wrongIssuer,
    claims,
    tokens: {
      refreshToken: tokens.refreshToken !== undefined,
      idToken: tokens.idToken !== undefined,
      scope: tokens.scope,
    },
    userinfo,
    accessToken,
    wrongAudience,
    introspection,
    refreshed: {
      sub: refreshed.claims?.sub,
      rotated: next.refreshToken !== undefined && next.refreshToken !== tokens.refreshToken,
      newAccessToken: next.accessToken !== tokens.accessToken,
    },
    afterRevoke,
    logoutUrl: logoutUrl.href,
  };
}
