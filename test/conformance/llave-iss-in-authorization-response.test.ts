/**
 * llave-iss-in-authorization-response — every authorization response carries `iss`, success
 * and error alike (RFC 9207 2, SECURITY.md "OpenID Connect / OAuth"; the FAPI 2.0 suite checks
 * it on every response), so a client talking to several providers can tell which one answered
 * (mix-up defence, RFC 9700 4.4). The suite has no module of its own for this; each kind of
 * answer /authorize and the login hand-back can give is checked here, with `state` verbatim.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, expectErrorResponse, redirectParams } from "./support.ts";

describe("llave-iss-in-authorization-response", () => {
  const h = harness();
  const issuer = h.config.issuer;

  it("on a code after a login, and on a code from the single sign-on session", async () => {
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    expectCodeResponse(await rp.authorize(browser, auth, citizen), { state: auth.state, issuer });
    const again = await rp.authorization();
    const response = await browser.request("GET", rp.authorizePath(again.params));
    expectCodeResponse(redirectParams(response), { state: again.state, issuer });
  });

  it("on errors of the request (invalid_scope, invalid_request)", async () => {
    const rp = await relyingParty(h);
    for (const [extra, error] of [
      [{ scope: "profile" }, "invalid_scope"],
      [{ prompt: "none login" }, "invalid_request"],
      [{ max_age: "-1" }, "invalid_request"],
      [{ claims: "{not json" }, "invalid_request"],
    ] as const) {
      const auth = await rp.authorization(extra);
      const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
      expectErrorResponse(redirectParams(response), { error, state: auth.state, issuer });
    }
  });

  it("on login_required, and on access_denied when the citizen cancels", async () => {
    const rp = await relyingParty(h);
    const none = await rp.authorization({ prompt: "none" });
    const refused = await new Browser(h).request("GET", rp.authorizePath(none.params));
    expectErrorResponse(redirectParams(refused), {
      error: "login_required",
      state: none.state,
      issuer,
    });

    const browser = new Browser(h);
    const auth = await rp.authorization();
    const first = await browser.request("GET", rp.authorizePath(auth.params));
    const cancelled = await browser.request("POST", `/login/${loginIdOf(first)}/cancel`, "");
    expectErrorResponse(redirectParams(cancelled), {
      error: "access_denied",
      state: auth.state,
      issuer,
    });
  });

  it("with no state parameter when the request had none", async () => {
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ state: undefined, scope: "profile" });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    const params = redirectParams(response);
    expectErrorResponse(params, { error: "invalid_scope", state: null, issuer });
    expect([...params.keys()].sort()).toEqual(["error", "error_description", "iss"]);
  });
});
