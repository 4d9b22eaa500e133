/**
 * fapi2-security-profile-final-ensure-authorization-code-is-bound-to-client — a code is
 * redeemed only by the client it was issued to (RFC 6749 4.1.3 "ensure that the authorization
 * code was issued to the authenticated confidential client", RFC 9700 4.5): a second,
 * properly authenticated client presenting the first client's code, redirect URI and verifier
 * gets `invalid_grant`.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectTokenError } from "./support.ts";

describe("fapi2-security-profile-final-ensure-authorization-code-is-bound-to-client", () => {
  it("refuses the code when another client presents it", async () => {
    const h = harness();
    const first = await relyingParty(h);
    const second = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await first.authorization();
    const code = (await first.authorize(new Browser(h), auth, citizen)).get("code") ?? "";
    await expectTokenError(await second.redeem(code, auth), {
      status: 400,
      error: "invalid_grant",
    });
  });
});
