/**
 * llave-acr-values-step-up — a single sign-on session at `low` does not answer a request for
 * `substantial` (SECURITY.md "Levels of assurance": acr_values force the needed step-up;
 * OIDC Core 3.1.2.1 acr_values, 5.5.1.1): /authorize hands over to a new login instead of
 * answering from the session, `prompt=none` gets `login_required`, a step-up done with a
 * method too weak gets `unmet_authentication_requirements` and leaves the old session as it
 * was, and a step-up with the app PIN gives an ID token at `substantial` with the new
 * `auth_time`, after which the stronger session answers later requests.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, finishLogin, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import {
  expectErrorResponse,
  redirectParams,
  sessionAlive,
  signIn,
  signInAgain,
} from "./support.ts";

const SUBSTANTIAL = { acr_values: "http://eidas.europa.eu/LoA/substantial" };

describe("llave-acr-values-step-up", () => {
  it("steps a low session up to substantial with a new login", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const browser = new Browser(h);
    const low = await signIn(h, rp, browser, citizen);
    expect(low.claims.acr).toBe("http://eidas.europa.eu/LoA/low");

    const none = await rp.authorization({ ...SUBSTANTIAL, prompt: "none" });
    expectErrorResponse(
      redirectParams(await browser.request("GET", rp.authorizePath(none.params))),
      { error: "login_required", state: none.state, issuer: h.config.issuer },
    );

    h.clock.advance(5_000);
    const { claims } = await signInAgain(h, rp, browser, citizen, SUBSTANTIAL, { channel: "app" });
    expect(claims.acr).toBe("http://eidas.europa.eu/LoA/substantial");
    expect(claims.sub).toBe(low.claims.sub);
    expect(claims.auth_time).toBeGreaterThanOrEqual(Number(low.claims.auth_time) + 5);

    const later = await signIn(h, rp, browser, null, SUBSTANTIAL);
    expect(later.claims.acr).toBe("http://eidas.europa.eu/LoA/substantial");
    expect(later.claims.auth_time).toBe(claims.auth_time);
  });

  it("refuses a step-up done with a method too weak, and keeps the old session", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const browser = new Browser(h);
    await signIn(h, rp, browser, citizen);

    const auth = await rp.authorization(SUBSTANTIAL);
    const handedOver = await browser.request("GET", rp.authorizePath(auth.params));
    const done = await finishLogin(h, browser, loginIdOf(handedOver) ?? "", citizen);
    expectErrorResponse(redirectParams(done), {
      error: "unmet_authentication_requirements",
      state: auth.state,
      issuer: h.config.issuer,
    });
    expect(await sessionAlive(rp, browser)).toBe(true);
  });
});
