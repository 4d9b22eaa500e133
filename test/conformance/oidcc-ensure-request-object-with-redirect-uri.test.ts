/**
 * oidcc-ensure-request-object-with-redirect-uri — a signed request object (OIDC Core 6.1,
 * 6.3.3: its parameters supersede the query's) names the registered redirect URI while the
 * query names an unregistered one: the provider uses the object's, logs the citizen in and
 * sends the code there; the code is bound to that redirect URI at the token endpoint. The
 * client registered an ES256 JWKS, generated here.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import {
  Browser,
  finishLogin,
  loginIdOf,
  REDIRECT_URI,
  relyingParty,
} from "../worker/relying-party.ts";
import {
  clientKeyPair,
  expectCodeResponse,
  redirectParams,
  requestObject,
  tokensOf,
} from "./support.ts";

describe("oidcc-ensure-request-object-with-redirect-uri", () => {
  it("uses the redirect_uri of the signed request object", async () => {
    const h = harness();
    const keys = await clientKeyPair();
    const rp = await relyingParty(h, { jwks: keys.jwks });
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const request = await requestObject({ ...auth.params, redirect_uri: REDIRECT_URI }, keys, {
      clientId: rp.client.id,
      audience: h.config.issuer,
      now: h.clock.now(),
    });
    const query = {
      client_id: rp.client.id,
      response_type: "code",
      scope: "openid",
      redirect_uri: "https://attacker.example/callback",
      request,
    };
    const first = await browser.request("GET", rp.authorizePath(query));
    const done = await finishLogin(h, browser, loginIdOf(first) ?? "", citizen);
    const code = expectCodeResponse(redirectParams(done), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const claims = await rp.verifyIdToken((await tokensOf(await rp.redeem(code, auth))).id_token);
    if (claims.nonce !== auth.nonce) throw new Error("the object's nonce was not used");
  });
});
