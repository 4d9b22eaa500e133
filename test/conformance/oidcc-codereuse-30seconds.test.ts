/**
 * oidcc-codereuse-30seconds — the code is redeemed, and presented again 30 seconds later
 * (OIDC Core 3.1.3.2, RFC 6749 4.1.2, RFC 9700 4.5.3): the reuse fails with `invalid_grant` and
 * revokes the access token the first redemption issued. The injected clock moves instead of
 * the test waiting.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, expectInvalidToken, expectTokenError, signIn, userinfo } from "./support.ts";

describe("oidcc-codereuse-30seconds", () => {
  it("refuses the code 30 s after its redemption and revokes the first tokens", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { auth, code, tokens } = await signIn(h, rp, new Browser(h), citizen);

    h.clock.advance(30_000);
    await claimsOf(await userinfo(h, tokens.access_token));
    await expectTokenError(await rp.redeem(code, auth), { status: 400, error: "invalid_grant" });
    await expectInvalidToken(await userinfo(h, tokens.access_token));
  });
});
