/**
 * fapi2-security-profile-final-incorrect-pkce-code-verifier-rejected — a well-formed but
 * wrong `code_verifier` is refused with `invalid_grant` (RFC 7636 4.6, RFC 6749 5.2, FAPI 2.0
 * SP 5.3.2.2), including the challenge itself presented as a verifier (the `plain` method
 * in disguise).
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, pkce, relyingParty } from "../worker/relying-party.ts";
import { expectTokenError } from "./support.ts";

describe("fapi2-security-profile-final-incorrect-pkce-code-verifier-rejected", () => {
  it("refuses another verifier and the challenge itself", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const code = (await rp.authorize(new Browser(h), auth, citizen)).get("code") ?? "";
    const other = await pkce();
    for (const verifier of [other.verifier, auth.pkce.challenge]) {
      await expectTokenError(await rp.redeem(code, auth, { code_verifier: verifier }), {
        status: 400,
        error: "invalid_grant",
      });
    }
  });
});
