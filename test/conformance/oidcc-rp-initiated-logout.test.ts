/**
 * oidcc-rp-initiated-logout — RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2,
 * §3) with `id_token_hint`, a registered `post_logout_redirect_uri` and `state`: the session
 * ends server-side and its cookie is cleared, and the browser goes back to exactly the
 * registered URI with `state` verbatim (§3: "MUST ... include the state value"). Expired ID
 * tokens are acceptable hints (§2); POST works like GET (§2 "MUST support ... GET and POST").
 * Without `state`, none is added.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { logout, POST_LOGOUT_URI, sessionAlive, signIn } from "./support.ts";

const SESSION_COOKIE = "__Host-llave-session";

describe("oidcc-rp-initiated-logout", () => {
  const h = harness();

  it("ends the session and returns to the registered URI with state", async () => {
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(true);

    const state = "sT/1 &x=ü";
    const response = await logout(browser, {
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state,
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(POST_LOGOUT_URI);
    expect([...location.searchParams]).toEqual([["state", state]]);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionAlive(rp, browser)).toBe(false);
  });

  it("adds no state when none was given", async () => {
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    const response = await logout(browser, {
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(POST_LOGOUT_URI);
  });

  it("accepts an expired ID token as the hint, and the POST form of the request", async () => {
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    h.clock.advance((rp.client.idTokenTtl + 60) * 1000);
    const body = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: "s",
    }).toString();
    const response = await browser.request("POST", "/logout", body);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${POST_LOGOUT_URI}?state=s`);
    expect(await sessionAlive(rp, browser)).toBe(false);
  });
});
