/** The client after the login: private_key_jwt, userinfo, refresh, revoke, logout URL. */
import { exportJWK, generateKeyPair, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { CLIENT_ID, ISSUER } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";

const rp = relyingParty();

describe("private_key_jwt", () => {
  it("authenticates with a fresh assertion signed by the private key", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: "agency-1", alg: "ES256" };
    rp.reconfigure({
      privateKey: { key: jwk },
    });
    const { url, expected } = await rp.login();
    await rp.client.handleCallback(url, expected);
    const sent = rp.sent("/token");
    expect(sent?.authorization).toBeNull();
    expect(sent?.form.client_assertion_type).toBe(
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    );
    const { payload, protectedHeader } = await jwtVerify(
      sent?.form.client_assertion ?? "",
      await importJWK(await exportJWK(publicKey), "ES256"),
      {
        issuer: CLIENT_ID,
        subject: CLIENT_ID,
        audience: ISSUER,
        currentDate: new Date(rp.op.now()),
      },
    );
    expect(protectedHeader.kid).toBe("agency-1");
    expect(payload.jti).toBeTruthy();
  });
});

describe("after the login", () => {
  it("userinfo returns claims and checks the subject", async () => {
    await expect(
      rp.client.userinfo("good-access", { subject: "citizen-1" }),
    ).resolves.toMatchObject({
      given_name: "Lucía",
    });
    const other = await failure(rp.client.userinfo("good-access", { subject: "citizen-2" }));
    expect(other.code).toBe("invalid_response");
    const refused = await failure(rp.client.userinfo("bad"));
    expect(refused).toMatchObject({ code: "oauth_error", error: "invalid_token", status: 401 });
  });

  it("refresh verifies the new ID token and keeps the subject", async () => {
    rp.op.answerTokens(async (form) => {
      expect(Object.fromEntries(form)).toEqual({ grant_type: "refresh_token", refresh_token: "r" });
      return Response.json(await rp.op.tokens({}, { refresh_token: "refresh-2" }));
    });
    const { tokens, claims } = await rp.client.refresh("r", { subject: "citizen-1" });
    expect(tokens.refreshToken).toBe("refresh-2");
    expect(claims?.sub).toBe("citizen-1");
    const error = await failure(rp.client.refresh("r", { subject: "someone-else" }));
    expect(error.code).toBe("id_token_invalid");
  });

  it("revoke posts the token with the client's authentication", async () => {
    await rp.client.revoke("refresh-1", { tokenTypeHint: "refresh_token" });
    const sent = rp.sent("/token/revoke");
    expect(sent?.form).toEqual({
      token: "refresh-1",
      token_type_hint: "refresh_token",
    });
    expect(sent?.authorization).toMatch(/^Basic /);
  });

  it("logoutUrl names the end-session endpoint with the hint and redirect", async () => {
    const url = await rp.client.logoutUrl({
      idTokenHint: "id.token.here",
      postLogoutRedirectUri: "https://sede.test/",
      state: "bye",
    });
    expect(url.href).toBe(
      `${ISSUER}/logout?client_id=sede&id_token_hint=id.token.here&post_logout_redirect_uri=https%3A%2F%2Fsede.test%2F&state=bye`,
    );
  });
});
