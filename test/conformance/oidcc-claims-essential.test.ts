/**
 * oidcc-claims-essential — the `claims` parameter (OIDC Core 5.5, 5.5.1) asks for `name` as an
 * essential userinfo claim with `scope=openid` only: the request succeeds, userinfo answers
 * `name` (the suite warns when it does not), and the ID token does not carry it (it was asked
 * for userinfo). The client is allowed the profile scope, which is what bounds the claims it
 * may ask for (oidc/claims.ts). Asked for in `claims.id_token`, the claim goes into the ID
 * token instead.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

const essentialName = (target: "userinfo" | "id_token") =>
  JSON.stringify({ [target]: { name: { essential: true } } });

describe("oidcc-claims-essential", () => {
  it("answers an essential userinfo name asked for with scope=openid", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid",
      claims: essentialName("userinfo"),
    });
    expect(claims).not.toHaveProperty("name");
    const info = await claimsOf(await userinfo(h, tokens.access_token));
    expect(info.name).toBe(
      `${citizen.givenName} ${citizen.familyName} ${citizen.secondFamilyName}`,
    );
  });

  it("puts an essential name asked for the ID token into the ID token", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid profile",
      claims: essentialName("id_token"),
    });
    expect(claims.name).toBe(
      `${citizen.givenName} ${citizen.familyName} ${citizen.secondFamilyName}`,
    );
    expect(claims).not.toHaveProperty("birthdate");
  });

  it("does not release a claim the client is not allowed, however essential", async () => {
    const h = harness();
    const rp = await relyingParty(h, { scopes: ["openid"] });
    const citizen = await h.registerCitizen();
    const { tokens, claims } = await signIn(h, rp, new Browser(h), citizen, {
      scope: "openid",
      claims: JSON.stringify({
        userinfo: { name: { essential: true } },
        id_token: { document_number: { essential: true } },
      }),
    });
    expect(claims).not.toHaveProperty("document_number");
    expect(await claimsOf(await userinfo(h, tokens.access_token))).toEqual({ sub: claims.sub });
  });
});
