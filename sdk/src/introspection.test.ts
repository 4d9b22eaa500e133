/**
 * Introspection (RFC 7662) against the fake provider: the client's authentication, the hint,
 * an active answer typed and checked, an inactive one reduced to `{ active: false }`, and
 * OAuth errors as `oauth_error`.
 */
import { exportJWK, generateKeyPair, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { CLIENT_ID, ISSUER } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";

const rp = relyingParty();

describe("introspect", () => {
  it("posts the token and hint with client_secret_basic and types an active answer", async () => {
    const result = await rp.client.introspect("good-access", { tokenTypeHint: "access_token" });
    expect(result).toMatchObject({
      active: true,
      sub: "citizen-1",
      client_id: CLIENT_ID,
      scope: "openid profile",
    });
    if (result.active) expect(result.exp).toBeGreaterThan(result.iat ?? 0);
    const sent = rp.sent("/token/introspect");
    expect(sent?.form).toEqual({
      token: "good-access",
      token_type_hint: "access_token",
    });
    expect(sent?.authorization).toMatch(/^Basic /);
  });

  it("reports an inactive token as { active: false } and nothing else", async () => {
    rp.op.answerIntrospection(async () => Response.json({ active: false, sub: "leaked" }));
    await expect(rp.client.introspect("revoked")).resolves.toEqual({ active: false });
  });

  it("authenticates with private_key_jwt, the assertion's audience the issuer", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    rp.reconfigure({
      privateKey: { key: { ...(await exportJWK(privateKey)), alg: "ES256" } },
    });
    await rp.client.introspect("good-access");
    const sent = rp.sent("/token/introspect");
    expect(sent?.authorization).toBeNull();
    expect(sent?.form.client_id).toBe(CLIENT_ID);
    const { payload } = await jwtVerify(
      sent?.form.client_assertion ?? "",
      await importJWK(await exportJWK(publicKey), "ES256"),
      {
        issuer: CLIENT_ID,
        subject: CLIENT_ID,
        audience: ISSUER,
        currentDate: new Date(rp.op.now()),
      },
    );
    expect(payload.jti).toBeTruthy();
  });

  it("maps an OAuth error to oauth_error", async () => {
    rp.op.answerIntrospection(async () =>
      Response.json(
        { error: "invalid_client", error_description: "client authentication failed" },
        { status: 401 },
      ),
    );
    const error = await failure(rp.client.introspect("good-access"));
    expect(error).toMatchObject({ code: "oauth_error", error: "invalid_client", status: 401 });
  });

  it.each([
    ["no active member", { sub: "citizen-1" }],
    ["an active answer without sub", { active: true, client_id: CLIENT_ID, scope: "openid" }],
    ["a non-numeric exp", { active: true, sub: "s", client_id: CLIENT_ID, scope: "", exp: "1" }],
  ])("refuses %s as invalid_response", async (_, body) => {
    rp.op.answerIntrospection(async () => Response.json(body));
    expect((await failure(rp.client.introspect("good-access"))).code).toBe("invalid_response");
  });

  it("needs an introspection_endpoint in discovery", async () => {
    delete rp.op.metadata.introspection_endpoint;
    expect((await failure(rp.client.introspect("good-access"))).code).toBe("discovery_failed");
  });
});
