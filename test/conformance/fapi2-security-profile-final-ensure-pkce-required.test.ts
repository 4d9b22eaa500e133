/**
 * fapi2-security-profile-final-ensure-pkce-required — mirrors the suite's
 * `…-par-ensure-pkce-required` at the authorization endpoint itself (Llave has no PAR
 * endpoint): a request without a PKCE challenge is refused (RFC 9700 2.1.1, FAPI 2.0 SP
 * 5.3.2.2 "shall require PKCE with S256"). The error goes to the verified redirect URI as
 * `invalid_request` with `state` and `iss`; no login starts. A challenge without a method
 * (which would mean `plain`, RFC 7636 4.3) and a malformed challenge are refused the same way.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams } from "./support.ts";

describe("fapi2-security-profile-final-ensure-pkce-required", () => {
  const h = harness();

  it.each([
    ["no code_challenge", { code_challenge: undefined, code_challenge_method: undefined }],
    ["a method but no challenge", { code_challenge: undefined }],
    ["a challenge but no method", { code_challenge_method: undefined }],
    ["a challenge that is not a SHA-256", { code_challenge: "too-short" }],
    ["a challenge with padding", { code_challenge: `${"A".repeat(43)}=` }],
  ])("refuses %s", async (_, extra: Record<string, string | undefined>) => {
    const rp = await relyingParty(h);
    const auth = await rp.authorization(extra);
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "invalid_request",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });
});
