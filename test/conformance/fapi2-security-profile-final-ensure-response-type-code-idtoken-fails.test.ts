/**
 * fapi2-security-profile-final-ensure-response-type-code-idtoken-fails — hybrid and implicit
 * response types are refused (RFC 9700 2.1.2: no tokens in the front channel; FAPI 2.0 SP
 * 5.3.2.2 "shall only support the response type code"): `code id_token` and its relatives
 * get `unsupported_response_type` in the query of the registered redirect URI, with `state`
 * and `iss`, and no code, ID token or access token anywhere in the redirect.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams } from "./support.ts";

describe("fapi2-security-profile-final-ensure-response-type-code-idtoken-fails", () => {
  const h = harness();

  it.each([
    "code id_token",
    "id_token code",
    "id_token",
    "code token",
    "code id_token token",
    "id_token token",
    "none",
  ])("refuses response_type=%s", async (responseType) => {
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    // A live session must not turn the refused request into a code either.
    await rp.authorize(browser, await rp.authorization(), citizen);
    const auth = await rp.authorization({ response_type: responseType });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "unsupported_response_type",
      state: auth.state,
      issuer: h.config.issuer,
    });
    const location = response.headers.get("location") ?? "";
    expect(location).not.toMatch(/id_token=|access_token=|#/);
  });
});
