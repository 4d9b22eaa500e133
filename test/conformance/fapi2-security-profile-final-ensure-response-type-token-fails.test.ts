/**
 * fapi2-security-profile-final-ensure-response-type-token-fails — the implicit grant is
 * refused (RFC 9700 2.1.2, OAuth 2.1 drops it; FAPI 2.0 SP 5.3.2.2): `response_type=token`
 * gets `unsupported_response_type` at the registered redirect URI, with `state` and `iss`, and
 * never an access token — not even for a browser with a live session.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams } from "./support.ts";

describe("fapi2-security-profile-final-ensure-response-type-token-fails", () => {
  it("refuses response_type=token", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    await rp.authorize(browser, await rp.authorization(), citizen);
    const auth = await rp.authorization({ response_type: "token" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "unsupported_response_type",
      state: auth.state,
      issuer: h.config.issuer,
    });
    expect(response.headers.get("location")).not.toMatch(/access_token=|#/);
  });

  it("refuses response modes other than query", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    for (const mode of ["fragment", "form_post", "jwt"]) {
      const auth = await rp.authorization({ response_mode: mode });
      const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
      expectErrorResponse(redirectParams(response), {
        error: "invalid_request",
        state: auth.state,
        issuer: h.config.issuer,
      });
    }
  });
});
