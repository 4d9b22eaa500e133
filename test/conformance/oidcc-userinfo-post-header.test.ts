/**
 * oidcc-userinfo-post-header — userinfo by POST with the access token in the Authorization
 * header and no body (OIDC Core 5.3.1 "MUST support GET and POST", RFC 6750 2.1).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn } from "./support.ts";

describe("oidcc-userinfo-post-header", () => {
  it("answers the claims for a bearer token in the header of a POST", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen);
    const response = await h.call("POST", "/userinfo", undefined, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    expect((await claimsOf(response)).sub).toBe(claims.sub);
  });
});
