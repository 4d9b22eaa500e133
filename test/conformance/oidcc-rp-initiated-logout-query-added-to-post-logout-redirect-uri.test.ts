/**
 * oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri — the registered
 * `post_logout_redirect_uri` with a query added is not the registered URI (RP-Initiated Logout
 * 1.0 §3, exact match as for redirect URIs, RFC 9700 2.1): error page, no redirect, and the
 * session is left alone.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { logout, POST_LOGOUT_URI, sessionAlive, signIn } from "./support.ts";

describe("oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri", () => {
  it("shows an error page and keeps the session", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    const response = await logout(browser, {
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: `${POST_LOGOUT_URI}?foo=bar`,
      state: "s",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await sessionAlive(rp, browser)).toBe(true);
  });
});
