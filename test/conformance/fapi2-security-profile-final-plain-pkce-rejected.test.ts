/**
 * fapi2-security-profile-final-plain-pkce-rejected — mirrors the suite's
 * `…-par-plain-pkce-rejected` at the authorization endpoint (no PAR here): the `plain` PKCE
 * method is refused (RFC 9700 2.1.1 "SHOULD use S256", FAPI 2.0 SP 5.3.2.2 "shall require
 * S256"); only `S256`, exactly, is accepted. The error goes to the verified redirect URI as
 * `invalid_request` with `state` and `iss`.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams } from "./support.ts";

describe("fapi2-security-profile-final-plain-pkce-rejected", () => {
  const h = harness();

  it.each(["plain", "s256", "S384", "S256 ", "none"])(
    "refuses code_challenge_method=%s",
    async (method) => {
      const rp = await relyingParty(h);
      const auth = await rp.authorization({ code_challenge_method: method });
      // With plain, the challenge is the verifier itself.
      auth.params.code_challenge = auth.pkce.verifier.slice(0, 43);
      const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
      expectErrorResponse(redirectParams(response), {
        error: "invalid_request",
        state: auth.state,
        issuer: h.config.issuer,
      });
    },
  );
});
