/**
 * oidcc-max-age-10000 — `max_age=10000` with a recent login is satisfied by the session
 * (OIDC Core 3.1.2.1): a code at once, and an ID token with the original `auth_time`
 * (REQUIRED when max_age was requested, OIDC Core 2).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, redirectParams, signIn, tokensOf } from "./support.ts";

describe("oidcc-max-age-10000", () => {
  it("answers from the session with the original auth_time", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen);

    h.clock.advance(60_000);
    const auth = await rp.authorization({ max_age: "10000" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    const code = expectCodeResponse(redirectParams(response), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const claims = await rp.verifyIdToken((await tokensOf(await rp.redeem(code, auth))).id_token);
    expect(claims.auth_time).toBe(first.claims.auth_time);
  });
});
