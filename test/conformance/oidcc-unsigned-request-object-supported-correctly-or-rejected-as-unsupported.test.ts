/**
 * oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported — an unsigned
 * (`alg: none`) request object (OIDC Core 6.1) is either processed correctly or refused; never
 * silently ignored. Llave refuses it (discovery lists no `none` in
 * `request_object_signing_alg_values_supported`; the SPID/CIE profile requires signed
 * objects): `invalid_request_object` at the redirect URI of the query, which is registered,
 * with the query's `state` and `iss` — for clients with and without registered keys. When only
 * the object names the redirect URI, nothing can be trusted, so an error page.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import {
  clientKeyPair,
  expectErrorPage,
  expectErrorResponse,
  redirectParams,
  unsignedJwt,
} from "./support.ts";

describe("oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported", () => {
  const h = harness();

  it.each([
    ["without registered keys", false],
    ["with registered keys", true],
  ])("refuses an unsigned request object from a client %s", async (_, withKeys) => {
    const keys = await clientKeyPair();
    const rp = await relyingParty(h, withKeys ? { jwks: keys.jwks } : {});
    const auth = await rp.authorization();
    const request = unsignedJwt({
      ...auth.params,
      iss: rp.client.id,
      aud: h.config.issuer,
      exp: Math.floor(h.clock.now() / 1000) + 300,
    });
    const query = {
      client_id: rp.client.id,
      response_type: "code",
      scope: "openid",
      redirect_uri: REDIRECT_URI,
      state: auth.state,
      request,
    };
    const response = await new Browser(h).request("GET", rp.authorizePath(query));
    expectErrorResponse(redirectParams(response), {
      error: "invalid_request_object",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("shows an error page when only the unsigned object names the redirect URI", async () => {
    const rp = await relyingParty(h);
    const auth = await rp.authorization();
    const request = unsignedJwt({ ...auth.params, iss: rp.client.id, aud: h.config.issuer });
    const query = { client_id: rp.client.id, response_type: "code", scope: "openid", request };
    await expectErrorPage(
      await new Browser(h).request("GET", rp.authorizePath(query)),
      "invalid_request_object",
    );
  });
});
