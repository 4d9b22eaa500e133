/**
 * oidcc-scope-email — `scope=openid email` releases `email` and `email_verified` (OIDC Core
 * 5.4) at userinfo, and no profile, phone or document claim.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

describe("oidcc-scope-email", () => {
  it("answers the email claims", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ email: "correo@example.es" });
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid email",
    });
    expect(tokens.scope).toBe("openid email");
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({
      sub: claims.sub,
      email: "correo@example.es",
      email_verified: true,
    });
  });
});
