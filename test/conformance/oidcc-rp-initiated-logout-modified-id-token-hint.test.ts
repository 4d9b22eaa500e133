/**
 * oidcc-rp-initiated-logout-modified-id-token-hint — an `id_token_hint` whose payload was
 * altered no longer verifies (RP-Initiated Logout 1.0 §2: the OP "MUST validate" that it
 * issued the hint): an error page, no redirect to the (registered) post-logout URI, and the
 * session is not ended on the strength of a forged hint.
 */

import { base64url, decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { logout, POST_LOGOUT_URI, sessionAlive, signIn } from "./support.ts";

describe("oidcc-rp-initiated-logout-modified-id-token-hint", () => {
  it("refuses a hint with an altered payload", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { tokens } = await signIn(h, rp, browser, await h.registerCitizen());
    const [header, , signature] = tokens.id_token.split(".");
    const payload = { ...decodeJwt(tokens.id_token), sub: "someone-else" };
    const modified = `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;

    const response = await logout(browser, {
      id_token_hint: modified,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: "s",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await sessionAlive(rp, browser)).toBe(true);
  });
});
