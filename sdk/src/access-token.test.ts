/** Access-token verification for agency APIs (RFC 9068). */
import { describe, expect, it } from "vitest";
import { CLIENT_ID } from "../test/fake-op.ts";
import { failure, relyingParty } from "../test/relying-party.ts";

const rp = relyingParty();

describe("verifyAccessToken (RFC 9068)", () => {
  it("accepts an at+jwt for the audience and returns its claims", async () => {
    const token = await rp.op.accessToken({});
    await expect(
      rp.client.verifyAccessToken(token, { audience: CLIENT_ID }),
    ).resolves.toMatchObject({
      client_id: CLIENT_ID,
      scope: "openid profile",
    });
  });

  it("refuses an ID token, another audience, an expired token and missing scopes", async () => {
    const idToken = await rp.op.sign(rp.op.claims());
    const iat = Math.floor(rp.op.now() / 1000) - 1000;
    const expired = await rp.op.accessToken({ iat, exp: iat + 300 });
    const valid = await rp.op.accessToken({});
    const cases: [string, () => Promise<unknown>][] = [
      ["typ", () => rp.client.verifyAccessToken(idToken, { audience: CLIENT_ID })],
      ["aud", () => rp.client.verifyAccessToken(valid, { audience: "api" })],
      ["exp", () => rp.client.verifyAccessToken(expired, { audience: CLIENT_ID })],
      [
        "scope",
        () => rp.client.verifyAccessToken(valid, { audience: CLIENT_ID, scopes: ["document"] }),
      ],
    ];
    for (const [what, verify] of cases) {
      const error = await failure(verify());
      expect(error.code, what).toBe("access_token_invalid");
    }
  });
});
