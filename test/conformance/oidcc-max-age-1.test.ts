/**
 * oidcc-max-age-1 — `max_age=1` after a login more than a second old forces a new login
 * (OIDC Core 3.1.2.1: "the OP MUST attempt to actively re-authenticate"), and the ID token
 * carries `auth_time` (REQUIRED with max_age, OIDC Core 2) of the new login. With
 * `prompt=none` it cannot re-authenticate, so `login_required`. The age is the real one, not
 * whole seconds rounded down: 1.5 s is older than `max_age=1`. `max_age=0` is prompt=login
 * (OIDC Core 3.1.2.1), even within the same second as the login.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams, signIn, signInAgain } from "./support.ts";

/** A clock at 100 ms past a whole second, so that "the same second" is deterministic. */
const wholeSecond = () => Math.ceil(Date.now() / 1000) * 1000 + 100;

describe("oidcc-max-age-1", () => {
  it("forces a new login when the session's login is older than max_age", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen);

    h.clock.advance(2_000);
    const { claims } = await signInAgain(h, rp, browser, citizen, { max_age: "1" });
    expect(claims.auth_time).toBeGreaterThanOrEqual(Number(first.claims.auth_time) + 2);
  });

  it("answers login_required to prompt=none with a too-old login", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    await signIn(h, rp, browser, citizen);
    h.clock.advance(2_000);
    const auth = await rp.authorization({ max_age: "1", prompt: "none" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "login_required",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("counts a login 1.5 s old as older than max_age=1", async () => {
    const h = harness({ now: wholeSecond() });
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    await signIn(h, rp, browser, citizen);
    h.clock.advance(1_500);
    const auth = await rp.authorization({ max_age: "1" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expect(loginIdOf(response), response.headers.get("location") ?? "").not.toBeNull();
  });

  it("treats max_age=0 as prompt=login, even in the second of the login", async () => {
    const h = harness({ now: wholeSecond() });
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    await signIn(h, rp, browser, citizen);
    h.clock.advance(500);
    const auth = await rp.authorization({ max_age: "0" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expect(loginIdOf(response), response.headers.get("location") ?? "").not.toBeNull();
  });
});
