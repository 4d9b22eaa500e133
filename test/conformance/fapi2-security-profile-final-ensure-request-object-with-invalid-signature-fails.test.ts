/**
 * fapi2-security-profile-final-ensure-request-object-with-invalid-signature-fails — a request
 * object whose signature does not verify with the client's registered keys is refused with
 * `invalid_request_object` (OIDC Core 6.3.2, RFC 9101 6.2), reported to the query's registered
 * redirect URI with `state` and `iss`: a tampered payload, a key the client never registered,
 * and an HMAC "signed" with a guessable secret all fail the same way.
 */
import { SignJWT } from "jose";
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { clientKeyPair, expectErrorResponse, redirectParams, requestObject } from "./support.ts";

describe("fapi2-security-profile-final-ensure-request-object-with-invalid-signature-fails", () => {
  it("refuses request objects that do not verify", async () => {
    const h = harness();
    const keys = await clientKeyPair();
    const stranger = await clientKeyPair(keys.kid);
    const rp = await relyingParty(h, { jwks: keys.jwks });
    const auth = await rp.authorization();
    const options = { clientId: rp.client.id, audience: h.config.issuer, now: h.clock.now() };

    const good = await requestObject(auth.params, keys, options);
    const [header, , signature] = good.split(".");
    const forged = await requestObject(
      { ...auth.params, scope: "openid profile document" },
      keys,
      options,
    );
    const tampered = `${header}.${forged.split(".")[1]}.${signature}`;
    const foreign = await requestObject(auth.params, stranger, options);
    const hmac = await new SignJWT({ ...auth.params, iss: rp.client.id, aud: h.config.issuer })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(rp.secret));

    for (const request of [tampered, foreign, hmac]) {
      const response = await new Browser(h).request(
        "GET",
        rp.authorizePath({ ...auth.params, request }),
      );
      expectErrorResponse(redirectParams(response), {
        error: "invalid_request_object",
        state: auth.state,
        issuer: h.config.issuer,
      });
    }
  });
});
