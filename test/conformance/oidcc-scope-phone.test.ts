/**
 * oidcc-scope-phone — `scope=openid phone` releases `phone_number` and
 * `phone_number_verified` (OIDC Core 5.4) at userinfo. A client not allowed the phone scope
 * asking for it gets the narrower grant, stated in the token response's `scope` (RFC 6749 3.3),
 * and no phone claims.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

describe("oidcc-scope-phone", () => {
  it("answers the phone claims", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid phone",
    });
    expect(tokens.scope).toBe("openid phone");
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({
      sub: claims.sub,
      phone_number: citizen.mobile,
      phone_number_verified: true,
    });
  });

  it("leaves the phone scope out for a client not allowed it", async () => {
    const h = harness();
    const rp = await relyingParty(h, { scopes: ["openid", "profile"] });
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid phone",
    });
    expect(tokens.scope).toBe("openid");
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({ sub: claims.sub });
  });
});
