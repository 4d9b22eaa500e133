/**
 * oidcc-codereuse — an authorization code is single use (OIDC Core 3.1.3.2, RFC 6749 4.1.2,
 * RFC 9700 4.5.3): the second redemption fails with `invalid_grant`, and the tokens the first
 * redemption issued are revoked — its access token is refused at userinfo and its refresh
 * token at the token endpoint.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, expectInvalidToken, expectTokenError, signIn, userinfo } from "./support.ts";

describe("oidcc-codereuse", () => {
  it("refuses a second redemption and revokes what the first one issued", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { auth, code, tokens } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid profile offline_access",
    });
    await claimsOf(await userinfo(h, tokens.access_token));
    expect(tokens.refresh_token).toEqual(expect.any(String));

    await expectTokenError(await rp.redeem(code, auth), { status: 400, error: "invalid_grant" });

    await expectInvalidToken(await userinfo(h, tokens.access_token));
    await expectTokenError(
      await rp.token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" }),
      { status: 400, error: "invalid_grant" },
    );
  });

  it("refuses the second of two immediate redemptions, whatever the order they arrive in", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const params = await rp.authorize(new Browser(h), auth, citizen);
    const code = params.get("code") ?? "";
    const answers = await Promise.all([rp.redeem(code, auth), rp.redeem(code, auth)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
  });
});
