/**
 * oidcc-scope-all — `scope=openid profile email address phone` succeeds and releases every
 * claim of the scopes Llave supports (OIDC Core 5.4); `address`, which Llave does not hold,
 * is ignored rather than failing the request (OIDC Core 3.1.2.1: unknown scope values SHOULD
 * be ignored).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

describe("oidcc-scope-all", () => {
  it("answers the claims of every supported scope", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ email: "todo@example.es" });
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid profile email address phone",
    });
    expect(tokens.scope.split(" ").sort()).toEqual(["email", "openid", "phone", "profile"]);
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({
      sub: claims.sub,
      name: `${citizen.givenName} ${citizen.familyName} ${citizen.secondFamilyName}`,
      given_name: citizen.givenName,
      family_name: `${citizen.familyName} ${citizen.secondFamilyName}`,
      birthdate: citizen.birthDate,
      email: "todo@example.es",
      email_verified: true,
      phone_number: citizen.mobile,
      phone_number_verified: true,
    });
  });
});
