/**
 * fapi2-security-profile-final-ensure-pkce-code-verifier-required — a code issued for a PKCE
 * challenge is not redeemed without the `code_verifier` (RFC 7636 4.5 and 4.6, RFC 9700
 * 2.1.1, FAPI 2.0 SP 5.3.2.2): the token endpoint answers 400 `invalid_request` (the
 * parameter is missing), and a malformed verifier is refused the same way.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import { expectTokenError } from "./support.ts";

describe("fapi2-security-profile-final-ensure-pkce-code-verifier-required", () => {
  it("refuses a redemption without code_verifier", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const code = (await rp.authorize(new Browser(h), auth, citizen)).get("code") ?? "";
    const response = await rp.token({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    });
    await expectTokenError(response, { status: 400, error: "invalid_request" });
  });

  it("refuses an empty or malformed code_verifier", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const auth = await rp.authorization();
    const code = (await rp.authorize(new Browser(h), auth, citizen)).get("code") ?? "";
    for (const verifier of ["", "short", `${auth.pkce.verifier}!`, "a".repeat(129)]) {
      await expectTokenError(await rp.redeem(code, auth, { code_verifier: verifier }), {
        status: 400,
        error: "invalid_request",
      });
    }
  });
});
