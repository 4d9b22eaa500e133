/**
 * The authorization code flow end to end inside workerd: /authorize → login page handoff → PIN
 * login → continue → code → /token → ID token → userinfo → refresh → single sign-on → logout.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { Browser, relyingParty } from "./relying-party.ts";

describe("authorization code flow", () => {
  it("logs a citizen in and gives the agency verified tokens and claims", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization({ scope: "openid profile document offline_access" });

    const query = await rp.authorize(browser, auth, citizen);
    expect(query.get("state")).toBe(auth.state);
    expect(query.get("iss")).toBe(h.config.issuer);
    const code = query.get("code") ?? "";

    const response = await rp.redeem(code, auth);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const tokens = (await response.json()) as Record<string, string>;
    expect(tokens.token_type).toBe("Bearer");
    const claims = await rp.verifyIdToken(tokens.id_token ?? "");
    expect(claims).toMatchObject({
      nonce: auth.nonce,
      acr: "http://eidas.europa.eu/LoA/low",
      amr: ["otp", "sms"],
      azp: rp.client.id,
    });
    expect(claims.sid).toEqual(expect.any(String));
    expect(claims.at_hash).toEqual(expect.any(String));
    expect(claims.sub).not.toBe(citizen.id); // pairwise

    const info = await h.call("GET", "/userinfo", undefined, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({
      sub: claims.sub,
      name: `${citizen.givenName} ${citizen.familyName} ${citizen.secondFamilyName}`,
      given_name: citizen.givenName,
      family_name: `${citizen.familyName} ${citizen.secondFamilyName}`,
      birthdate: citizen.birthDate,
      document_type: "DNI",
      document_number: citizen.documentNumber,
    });

    const refreshed = await rp.token({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token ?? "",
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as Record<string, string>;
    expect(second.refresh_token).not.toBe(tokens.refresh_token);

    // Single sign-on: the next request is answered from the session, no login.
    const again = await rp.authorization();
    const sso = await rp.authorize(browser, again, null);
    expect(sso.get("code")).toBeTruthy();
    const ssoTokens = (await (await rp.redeem(sso.get("code") ?? "", again)).json()) as Record<
      string,
      string
    >;
    const ssoClaims = await rp.verifyIdToken(ssoTokens.id_token ?? "");
    expect(ssoClaims.sid).toBe(claims.sid);
    expect(ssoClaims.auth_time).toBe(claims.auth_time);

    // Logout with id_token_hint ends the session: prompt=none then needs a login.
    const logout = await browser.request(
      "GET",
      `/logout?${new URLSearchParams({
        id_token_hint: ssoTokens.id_token ?? "",
        post_logout_redirect_uri: "https://sede.agencia.example/",
        state: "bye",
      })}`,
    );
    expect(logout.status).toBe(303);
    expect(logout.headers.get("location")).toBe("https://sede.agencia.example/?state=bye");
    const none = await rp.authorization({ prompt: "none" });
    const after = await rp.authorize(browser, none, null);
    expect(after.get("error")).toBe("login_required");
  });
});
