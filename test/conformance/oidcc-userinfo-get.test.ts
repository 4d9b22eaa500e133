/**
 * oidcc-userinfo-get — userinfo by GET with the access token in the Authorization header
 * (OIDC Core 5.3.1, RFC 6750 2.1): 200 JSON with `sub` equal to the ID token's (OIDC Core
 * 5.3.2), never cached. Without a token: 401 with a bare Bearer challenge (RFC 6750 3.1); with
 * a bad one: 401 `invalid_token`.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, expectInvalidToken, signIn, userinfo } from "./support.ts";

describe("oidcc-userinfo-get", () => {
  it("answers the claims for a bearer token in the header", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen);
    const response = await userinfo(h, tokens.access_token);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const info = await claimsOf(response);
    expect(info.sub).toBe(claims.sub);
    expect(info.given_name).toBe(citizen.givenName);
  });

  it("challenges a request without a token, and refuses a bad one", async () => {
    const h = harness();
    const missing = await h.call("GET", "/userinfo");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="llave"');
    await expectInvalidToken(await userinfo(h, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
  });

  it("refuses the ID token presented as an access token", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens } = await signIn(h, rp, new Browser(h), citizen);
    await expectInvalidToken(await userinfo(h, tokens.id_token));
  });
});
