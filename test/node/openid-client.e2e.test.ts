/**
 * A real relying party against the real worker: `openid-client` (v6, OpenID Certified) drives
 * the production bundle running in workerd (the local stack of `npm run dev`) with no special
 * casing — discovery, authorization URL with PKCE, a PIN login through the login API with the
 * PIN from the dev outbox, callback validation including `iss` (RFC 9207), code exchange,
 * ID-token validation, userinfo, refresh, introspection, revocation and logout.
 */
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import { CitizenBrowser } from "./citizen-browser.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";

const REDIRECT_URI = "http://127.0.0.1:8788/callback";
let stack: RunningStack;
let issuer: string;
let client: { id: string; secret: string };

beforeAll(async () => {
  stack = await runningStack();
  issuer = stack.issuer;
  // The agency registers through the admin API, as an operator would.
  client = await stack.registerClient({
    name: "Sede electrónica de prueba",
    redirectUris: [REDIRECT_URI],
    postLogoutRedirectUris: ["http://127.0.0.1:8788/"],
    scopes: ["openid", "profile", "email", "phone", "document", "offline_access"],
  });
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

describe("openid-client against the running worker", () => {
  it("completes the whole flow without special-casing", async () => {
    const config = await oidc.discovery(
      new URL(issuer),
      client.id,
      undefined,
      oidc.ClientSecretBasic(client.secret),
      { execute: [oidc.allowInsecureRequests] },
    );
    expect(config.serverMetadata().authorization_response_iss_parameter_supported).toBe(true);

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: "openid profile email document offline_access",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });

    // The browser: /authorize hands over to the login page of the issuer, where the citizen
    // logs in with an SMS PIN through the login API, as the login page does.
    const jar = new CitizenBrowser();
    const { callback, loginPage } = await jar.logIn(stack, url);
    expect(loginPage).toContain("Sede electrónica de prueba");

    // The agency backend: callback validation (state, iss), code exchange, ID token checks.
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: issuer,
      aud: client.id,
      acr: "http://eidas.europa.eu/LoA/low",
    });
    expect(claims?.amr).toEqual(["otp", "sms"]);
    expect(tokens.refresh_token).toBeTruthy();

    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub ?? "");
    expect(info).toMatchObject({
      given_name: DEMO_CITIZENS[0]?.givenName,
      document_number: DEMO_CITIZENS[0]?.documentNumber,
    });

    const introspected = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspected.active).toBe(true);

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.claims()?.sub).toBe(claims?.sub);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    await oidc.tokenRevocation(config, refreshed.refresh_token ?? "");
    await expect(
      oidc.refreshTokenGrant(config, refreshed.refresh_token ?? ""),
    ).rejects.toMatchObject({ error: "invalid_grant" });

    // RP-initiated logout ends the provider session.
    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? "",
      post_logout_redirect_uri: "http://127.0.0.1:8788/",
      state: "bye",
    });
    const out = await jar.fetch(logout.href);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("http://127.0.0.1:8788/?state=bye");

    const silent = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      state: "s2",
      prompt: "none",
    });
    const none = await jar.fetch(silent.href);
    const back = new URL(none.headers.get("location") ?? "");
    expect(back.searchParams.get("error")).toBe("login_required");
    expect(back.searchParams.get("iss")).toBe(issuer);
  }, 60_000);
});
