/** The authorization request: PKCE S256, state, nonce, options, element attributes; discovery. */
import { describe, expect, it } from "vitest";
import { CLIENT_ID, ISSUER, REDIRECT_URI } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";
import { codeChallenge } from "./random.ts";

const rp = relyingParty();

describe("createAuthorizationRequest", () => {
  it("builds a PKCE S256 code request with state, nonce and the options", async () => {
    const request = await rp.client.createAuthorizationRequest({
      redirectUri: REDIRECT_URI,
      scope: "profile document",
      acr: "substantial",
      loginHint: "12345678Z",
      uiLocales: "es ca",
      prompt: "login",
      maxAge: 600,
    });
    const q = request.url.searchParams;
    expect(request.url.origin + request.url.pathname).toBe(`${ISSUER}/authorize`);
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: "openid profile document",
      state: request.state,
      nonce: request.nonce,
      code_challenge_method: "S256",
      acr_values: "http://eidas.europa.eu/LoA/substantial",
      login_hint: "12345678Z",
      ui_locales: "es ca",
      prompt: "login",
      max_age: "600",
    });
    expect(q.get("code_challenge")).toBe(await codeChallenge(request.codeVerifier));
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.state).not.toBe(request.nonce);
    expect(request.expected).toEqual({
      state: request.state,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      redirectUri: REDIRECT_URI,
      acr: "substantial",
      maxAge: 600,
    });
    expect(request.elementAttributes).toEqual({
      issuer: ISSUER,
      "client-id": CLIENT_ID,
      "redirect-uri": REDIRECT_URI,
      scope: "openid profile document",
      acr: "http://eidas.europa.eu/LoA/substantial",
      state: request.state,
      nonce: request.nonce,
      "code-challenge": q.get("code_challenge"),
      "login-hint": "12345678Z",
      locale: "es",
    });
  });

  it("caches discovery", async () => {
    await rp.client.createAuthorizationRequest({ redirectUri: REDIRECT_URI });
    await rp.client.createAuthorizationRequest({ redirectUri: REDIRECT_URI });
    expect(rp.op.counts.discovery).toBe(1);
  });

  it("refuses discovery that names another issuer", async () => {
    rp.op.metadata.issuer = "https://evil.test";
    const error = await failure(
      rp.client.createAuthorizationRequest({ redirectUri: REDIRECT_URI }),
    );
    expect(error.code).toBe("discovery_failed");
  });
});
