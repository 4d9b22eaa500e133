/**
 * oidcc-ensure-other-scope-order-succeeds — scope is a set (RFC 6749 3.3: "the order does not
 * matter"): `email openid` works as `openid email` does, with the same claims; repeated values
 * are harmless.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

describe("oidcc-ensure-other-scope-order-succeeds", () => {
  it.each(["email openid", "email  openid email"])("accepts scope=%s", async (scope) => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ email: "orden@example.es" });
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, { scope });
    expect(tokens.scope.split(" ").sort()).toEqual(["email", "openid"]);
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({
      sub: claims.sub,
      email: "orden@example.es",
      email_verified: true,
    });
  });
});
