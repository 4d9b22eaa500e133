/**
 * oidcc-rp-initiated-logout-no-id-token-hint — a logout request without `id_token_hint`
 * (RP-Initiated Logout 1.0 §2 and §6: without a hint the OP should ask the End-User, since the
 * request may not come from the RP): the provider shows a confirmation page and logs nothing
 * out yet; confirming (a POST from its own page) ends the session and returns to the
 * registered URI of the named `client_id` with `state`.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { logout, POST_LOGOUT_URI, sessionAlive, signIn } from "./support.ts";

describe("oidcc-rp-initiated-logout-no-id-token-hint", () => {
  it("asks for confirmation, then logs out and returns with state", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    await signIn(h, rp, browser, await h.registerCitizen());
    const params = {
      client_id: rp.client.id,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: "s",
    };

    const page = await logout(browser, params);
    expect(page.status).toBe(200);
    expect(page.headers.get("location")).toBeNull();
    expect(await page.text()).toContain('name="confirm" value="yes"');
    expect(await sessionAlive(rp, browser)).toBe(true);

    const body = new URLSearchParams({ ...params, confirm: "yes" }).toString();
    const confirmed = await browser.request("POST", "/logout", body, {
      origin: new URL(h.config.issuer).origin,
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe(`${POST_LOGOUT_URI}?state=s`);
    expect(await sessionAlive(rp, browser)).toBe(false);
  });

  it("does not take a confirmation posted from another site", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    await signIn(h, rp, browser, await h.registerCitizen());
    const body = new URLSearchParams({ client_id: rp.client.id, confirm: "yes" }).toString();
    const response = await browser.request("POST", "/logout", body, {
      origin: "https://attacker.example",
    });
    expect(response.status).toBe(200);
    expect(await sessionAlive(rp, browser)).toBe(true);
  });
});
