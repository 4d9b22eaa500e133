/**
 * oidcc-scope-profile — `scope=openid profile` releases the profile claims Llave holds
 * (`name`, `given_name`, `family_name`, `birthdate`; OIDC Core 5.4) at userinfo, and nothing
 * the scope does not cover; the token response states the granted scope (RFC 6749 5.1).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

describe("oidcc-scope-profile", () => {
  it("answers the profile claims", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ email: "perfil@example.es" });
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid profile",
    });
    expect(tokens.scope).toBe("openid profile");
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({
      sub: claims.sub,
      name: `${citizen.givenName} ${citizen.familyName} ${citizen.secondFamilyName}`,
      given_name: citizen.givenName,
      family_name: `${citizen.familyName} ${citizen.secondFamilyName}`,
      birthdate: citizen.birthDate,
    });
  });
});
