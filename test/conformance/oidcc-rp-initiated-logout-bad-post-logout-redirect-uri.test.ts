/**
 * oidcc-rp-initiated-logout-bad-post-logout-redirect-uri — a `post_logout_redirect_uri` the
 * client did not register (RP-Initiated Logout 1.0 §3: "MUST NOT perform post-logout
 * redirection" to an unregistered URI): the provider shows an error page, does not redirect,
 * and — since the request is refused — leaves the session alone.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { logout, sessionAlive, signIn } from "./support.ts";

describe("oidcc-rp-initiated-logout-bad-post-logout-redirect-uri", () => {
  const h = harness();

  it.each([
    "https://attacker.example/",
    "https://sede.agencia.example/other",
    "https://sede.agencia.example",
    "http://sede.agencia.example/",
  ])("shows an error page for %s", async (uri) => {
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    const response = await logout(browser, {
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: uri,
      state: "s",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await sessionAlive(rp, browser)).toBe(true);
  });

  it("shows an error page for a URI registered by another client", async () => {
    const rp = await relyingParty(h);
    const other = await relyingParty(h, { postLogoutRedirectUris: ["https://otra.example/bye"] });
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    const response = await logout(browser, {
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: other.client.postLogoutRedirectUris[0] ?? "",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});
