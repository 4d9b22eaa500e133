/**
 * `@llave/sdk` against the real worker (the production bundle in workerd, as `npm run dev`
 * runs it): a whole login on Node — createAuthorizationRequest, a browser-like GET /authorize
 * with cookies, a PIN login through the login API with the PIN from the dev outbox, the
 * continue POST, handleCallback, userinfo, introspection, refresh, revoke and logout — then the admin API
 * methods, problems included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../scripts/lib/seed.ts";
import {
  createAdminClient,
  createClient,
  type LlaveClient,
  LlaveError,
} from "../../sdk/src/index.ts";
import { CitizenBrowser } from "./citizen-browser.ts";
import { type RunningStack, runningStack } from "./running-stack.ts";

const REDIRECT_URI = "http://127.0.0.1:8788/callback";
const AFTER_LOGOUT = "http://127.0.0.1:8788/";
let stack: RunningStack;
let llave: LlaveClient;

beforeAll(async () => {
  stack = await runningStack();
  const client = await stack.registerClient({
    name: "Sede del SDK",
    redirectUris: [REDIRECT_URI],
    postLogoutRedirectUris: [AFTER_LOGOUT],
    scopes: ["openid", "profile", "email", "document", "offline_access"],
  });
  llave = createClient({ issuer: stack.issuer, clientId: client.id, clientSecret: client.secret });
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

describe("@llave/sdk against the running worker", () => {
  it("completes login, userinfo, introspection, refresh, revoke and logout", async () => {
    const lucia = DEMO_CITIZENS[0];
    const request = await llave.createAuthorizationRequest({
      redirectUri: REDIRECT_URI,
      scope: "openid profile document offline_access",
      acr: "low",
      uiLocales: "es",
    });
    const jar = new CitizenBrowser();
    const callback = (await jar.logIn(stack, request.url)).callback.href;

    const { tokens, claims } = await llave.handleCallback(callback, request.expected);
    expect(claims).toMatchObject({
      iss: stack.issuer,
      aud: llave.clientId,
      acr: "http://eidas.europa.eu/LoA/low",
      amr: ["otp", "sms"],
      nonce: request.nonce,
    });
    expect(tokens.refreshToken).toBeTruthy();

    const info = await llave.userinfo(tokens.accessToken, { subject: claims.sub });
    expect(info).toMatchObject({
      given_name: lucia?.givenName,
      document_number: lucia?.documentNumber,
    });

    const access = await llave.verifyAccessToken(tokens.accessToken, { audience: llave.clientId });
    expect(access).toMatchObject({ sub: claims.sub, client_id: llave.clientId });

    const live = await llave.introspect(tokens.accessToken, { tokenTypeHint: "access_token" });
    expect(live).toMatchObject({ active: true, client_id: llave.clientId, sub: claims.sub });

    const refreshed = await llave.refresh(tokens.refreshToken ?? "", { subject: claims.sub });
    expect(refreshed.claims?.sub).toBe(claims.sub);
    expect(refreshed.tokens.refreshToken).not.toBe(tokens.refreshToken);

    await llave.revoke(refreshed.tokens.refreshToken ?? "", { tokenTypeHint: "refresh_token" });
    const revoked = await llave.refresh(refreshed.tokens.refreshToken ?? "").catch((e) => e);
    expect(revoked).toBeInstanceOf(LlaveError);
    expect(revoked).toMatchObject({ code: "oauth_error", error: "invalid_grant" });
    // Revoking the refresh token ends the whole grant, its access tokens included.
    await expect(llave.introspect(refreshed.tokens.accessToken)).resolves.toEqual({
      active: false,
    });

    const logout = await llave.logoutUrl({
      idTokenHint: tokens.idToken ?? "",
      postLogoutRedirectUri: AFTER_LOGOUT,
      state: "bye",
    });
    const out = await jar.fetch(logout.href);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe(`${AFTER_LOGOUT}?state=bye`);

    // No session left: a silent request comes back with login_required, as a typed error.
    const silent = await llave.createAuthorizationRequest({
      redirectUri: REDIRECT_URI,
      prompt: "none",
    });
    const none = await jar.fetch(silent.url.href);
    const error = await llave
      .handleCallback(none.headers.get("location") ?? "", silent.expected)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "oauth_error", error: "login_required" });
  }, 60_000);

  it("refuses a login below the level requested, as the provider does", async () => {
    const request = await llave.createAuthorizationRequest({
      redirectUri: REDIRECT_URI,
      acr: "substantial",
    });
    // An app or personalised PIN could reach substantial, so Llave hands over to the login
    // page; Lucía then logs in with an SMS PIN, which proves only low.
    const callback = (await new CitizenBrowser().logIn(stack, request.url)).callback.href;
    const error = await llave.handleCallback(callback, request.expected).catch((e) => e);
    expect(error).toBeInstanceOf(LlaveError);
    expect(error).toMatchObject({
      code: "oauth_error",
      error: "unmet_authentication_requirements",
    });
  }, 60_000);

  it("drives the admin API: create, get, list, update, disable, rotate, problems", async () => {
    const admin = createAdminClient({ baseUrl: stack.issuer, token: stack.adminToken });
    const created = await admin.createClient({
      id: "sdk-admin-test",
      name: "Sede de administración",
      redirectUris: ["https://sede.example/cb"],
      scopes: ["openid", "profile"],
    });
    expect(created.client).toMatchObject({ id: "sdk-admin-test", status: "active" });
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await admin.getClient("sdk-admin-test")).name).toBe("Sede de administración");

    const ids: string[] = [];
    for await (const client of admin.allClients({ pageSize: 1 })) ids.push(client.id);
    expect(ids).toContain("sdk-admin-test");
    expect(ids).toEqual([...ids].sort());

    const updated = await admin.updateClient("sdk-admin-test", { minAcr: "substantial" });
    expect(updated.client.minAcr).toBe("substantial");
    expect((await admin.disableClient("sdk-admin-test")).status).toBe("disabled");
    expect((await admin.enableClient("sdk-admin-test")).status).toBe("active");

    const rotated = await admin.rotateSecret("sdk-admin-test", { graceSeconds: 60 });
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect(rotated.previousSecretExpiresAt).toBeGreaterThan(Date.now());

    const missing = await admin.getClient("no-such-client").catch((e: unknown) => e);
    expect(missing).toMatchObject({
      code: "problem",
      status: 404,
      problemCode: "client_not_found",
      type: "urn:llave:problem:client_not_found",
    });
    const taken = await admin
      .createClient({ id: "sdk-admin-test", name: "x", redirectUris: ["https://x.example/cb"] })
      .catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: "problem", status: 409, problemCode: "client_exists" });

    const intruder = createAdminClient({ baseUrl: stack.issuer, token: "x".repeat(40) });
    const refused = await intruder.listClients().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "problem", status: 401 });
  }, 60_000);
});
