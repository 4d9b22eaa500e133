/**
 * oidcc-userinfo-post-body — userinfo by POST with the access token as the `access_token`
 * form parameter (OIDC Core 5.3.1, RFC 6750 2.2). Presenting it in both the header and the
 * body is refused (RFC 6750 2: "MUST NOT use more than one method").
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn } from "./support.ts";

describe("oidcc-userinfo-post-body", () => {
  it("answers the claims for a token in the form body", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen);
    const body = new URLSearchParams({ access_token: tokens.access_token }).toString();
    const response = await h.call("POST", "/userinfo", body, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect((await claimsOf(response)).sub).toBe(claims.sub);

    const both = await h.call("POST", "/userinfo", body, {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Bearer ${tokens.access_token}`,
    });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: string }).error).toBe("invalid_request");
  });
});
