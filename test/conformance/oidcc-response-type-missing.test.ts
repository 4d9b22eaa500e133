/**
 * oidcc-response-type-missing — an authorization request without `response_type` (REQUIRED,
 * OIDC Core 3.1.2.1, RFC 6749 4.1.1) is refused. Client and redirect URI are valid, so the
 * error goes to the client: `invalid_request` with `state` and `iss` (RFC 6749 4.1.2.1,
 * RFC 9207), and no code.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams } from "./support.ts";

describe("oidcc-response-type-missing", () => {
  it("answers invalid_request to the client", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ response_type: undefined });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "invalid_request",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });
});
