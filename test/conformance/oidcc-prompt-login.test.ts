/**
 * oidcc-prompt-login — `prompt=login` makes the citizen authenticate again although a single
 * sign-on session exists (OIDC Core 3.1.2.1): /authorize hands over to the login page instead
 * of answering from the session, and the new ID token's `auth_time` is the new login's
 * (OIDC Core 2; the suite checks it moved forward).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { signIn, signInAgain } from "./support.ts";

describe("oidcc-prompt-login", () => {
  it("asks for a new login and reports its auth_time", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen);

    h.clock.advance(10_000);
    const { claims } = await signInAgain(h, rp, browser, citizen, { prompt: "login" });
    expect(claims.sub).toBe(first.claims.sub);
    expect(claims.auth_time).toBeGreaterThanOrEqual(Number(first.claims.auth_time) + 10);
  });
});
