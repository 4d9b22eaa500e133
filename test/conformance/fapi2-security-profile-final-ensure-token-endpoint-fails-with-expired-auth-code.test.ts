/**
 * fapi2-security-profile-final-ensure-token-endpoint-fails-with-expired-auth-code — a code
 * lives at most 60 seconds (SECURITY.md; RFC 6749 4.1.2 "a maximum authorization code
 * lifetime of 10 minutes is RECOMMENDED", FAPI 2.0 SP 5.3.2.1 "no more than 60 seconds"): an
 * unredeemed code presented at 60 s is refused with `invalid_grant`; just before, it works.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectTokenError, tokensOf } from "./support.ts";

describe("fapi2-security-profile-final-ensure-token-endpoint-fails-with-expired-auth-code", () => {
  it("refuses a code 60 s after it was issued", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const params = await rp.authorize(new Browser(h), auth, citizen);
    h.clock.advance(60_000);
    await expectTokenError(await rp.redeem(params.get("code") ?? "", auth), {
      status: 400,
      error: "invalid_grant",
    });
  });

  it("accepts it a moment before", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const params = await rp.authorize(new Browser(h), auth, citizen);
    h.clock.advance(59_000);
    await tokensOf(await rp.redeem(params.get("code") ?? "", auth));
  });
});
