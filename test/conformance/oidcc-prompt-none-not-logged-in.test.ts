/**
 * oidcc-prompt-none-not-logged-in — `prompt=none` in a browser without a session (OIDC Core
 * 3.1.2.1, 3.1.2.6): the provider must not show any page; it answers `login_required` at the
 * redirect URI with `state` and `iss`. The same holds once the session has ended by idle
 * timeout (SECURITY.md "Browser surface").
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams, signIn } from "./support.ts";

describe("oidcc-prompt-none-not-logged-in", () => {
  it("answers login_required without a session", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ prompt: "none" });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "login_required",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("answers login_required once the session has timed out", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    await signIn(h, rp, browser, citizen);
    h.clock.advance(h.config.session.idleMs);
    const auth = await rp.authorization({ prompt: "none" });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "login_required",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });
});
