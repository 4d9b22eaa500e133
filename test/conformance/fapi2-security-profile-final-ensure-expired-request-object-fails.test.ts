/**
 * fapi2-security-profile-final-ensure-expired-request-object-fails — and its neighbours
 * `…-request-object-with-bad-aud-fails` and `…-request-object-without-exp-fails`: a signed
 * request object must be unexpired, carry `exp`, be addressed to this provider and issued by
 * the client (RFC 9101 4 and 6.3, FAPI 2.0 MS 5.3.1); otherwise `invalid_request_object` at
 * the query's registered redirect URI, with `state` and `iss`.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { clientKeyPair, expectErrorResponse, redirectParams, requestObject } from "./support.ts";

describe("fapi2-security-profile-final-ensure-expired-request-object-fails", () => {
  const h = harness();
  const iat = () => Math.floor(h.clock.now() / 1000);

  it.each([
    ["expired", () => ({ iat: iat() - 600, exp: iat() - 120 })],
    ["without exp", () => ({ exp: undefined })],
    ["for another audience", () => ({ aud: "https://other-provider.example" })],
    ["issued by someone else", () => ({ iss: "https://attacker.example" })],
    ["naming another client", () => ({ client_id: "rp-someone-else" })],
  ])("refuses a request object %s", async (_, claims) => {
    const keys = await clientKeyPair();
    const rp = await relyingParty(h, { jwks: keys.jwks });
    const auth = await rp.authorization();
    const request = await requestObject({ ...auth.params, ...claims() }, keys, {
      clientId: rp.client.id,
      audience: h.config.issuer,
      now: h.clock.now(),
    });
    const response = await new Browser(h).request(
      "GET",
      rp.authorizePath({ ...auth.params, request }),
    );
    expectErrorResponse(redirectParams(response), {
      error: "invalid_request_object",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });
});
