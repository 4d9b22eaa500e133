/**
 * oidcc-rp-initiated-logout-revokes-tokens — RP-initiated logout ends the session and every
 * grant issued in it (docs/oidc.md "Sessions and logout"): the access and refresh tokens of
 * each agency that got a code in that session, by login or by single sign-on, stop at once at
 * userinfo, introspection and the token endpoint. Grants of the same citizen issued in another
 * session (another browser) are not that session's and keep working.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { introspect } from "../worker/standing-support.ts";
import {
  claimsOf,
  expectInvalidToken,
  expectTokenError,
  logout,
  POST_LOGOUT_URI,
  type RelyingParty,
  type SignedIn,
  signIn,
  tokensOf,
  userinfo,
} from "./support.ts";

const OFFLINE = { scope: "openid profile offline_access" };

const refresh = (rp: RelyingParty, signedIn: SignedIn) =>
  rp.token({ grant_type: "refresh_token", refresh_token: signedIn.tokens.refresh_token ?? "" });

describe("oidcc-rp-initiated-logout-revokes-tokens", () => {
  const h = harness();

  it("revokes every grant of the session, and only those", async () => {
    const [rp, other] = [await relyingParty(h), await relyingParty(h)];
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen, OFFLINE);
    const bySso = await signIn(h, other, browser, null, OFFLINE);
    expect(bySso.claims.sid).toBe(first.claims.sid);
    const elsewhere = await signIn(h, rp, new Browser(h), citizen, OFFLINE);
    expect(elsewhere.claims.sid).not.toBe(first.claims.sid);

    const response = await logout(browser, {
      id_token_hint: first.tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
    });
    expect(response.status).toBe(303);

    for (const [party, signedIn] of [
      [rp, first],
      [other, bySso],
    ] as const) {
      await expectInvalidToken(await userinfo(h, signedIn.tokens.access_token));
      expect(await introspect(h, party, signedIn.tokens.access_token)).toEqual({ active: false });
      expect(
        await introspect(h, party, signedIn.tokens.refresh_token ?? "", "refresh_token"),
      ).toEqual({ active: false });
      await expectTokenError(await refresh(party, signedIn), {
        status: 400,
        error: "invalid_grant",
      });
    }

    await claimsOf(await userinfo(h, elsewhere.tokens.access_token));
    expect(await introspect(h, rp, elsewhere.tokens.access_token)).toMatchObject({ active: true });
    await tokensOf(await refresh(rp, elsewhere));
  });

  it("revokes them too when the citizen confirms a logout that came without a hint", async () => {
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const signedIn = await signIn(h, rp, browser, await h.registerCitizen(), OFFLINE);
    const asked = await logout(browser, {});
    expect(asked.status).toBe(200);
    await claimsOf(await userinfo(h, signedIn.tokens.access_token));

    const confirmed = await browser.request("POST", "/logout", "confirm=yes");
    expect(confirmed.status).toBe(200);
    await expectInvalidToken(await userinfo(h, signedIn.tokens.access_token));
    await expectTokenError(await refresh(rp, signedIn), { status: 400, error: "invalid_grant" });
  });
});
