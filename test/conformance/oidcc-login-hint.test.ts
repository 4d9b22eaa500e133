/**
 * oidcc-login-hint — `login_hint` (OIDC Core 3.1.2.1) is a document number in Llave: the login
 * page comes prefilled with it; a session of another citizen does not answer a request hinted
 * at someone else (a new login instead); a hint that is not a document is ignored and the flow
 * works as without it.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, finishLogin, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, redirectParams, signIn } from "./support.ts";

describe("oidcc-login-hint", () => {
  it("prefills the login page with the hinted document and completes", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization({ login_hint: citizen.documentNumber.toLowerCase() });
    const first = await browser.request("GET", rp.authorizePath(auth.params));
    const loginId = loginIdOf(first) ?? "";
    const page = await (await browser.request("GET", `/login/${loginId}`)).text();
    // The login app fills the document field from its boot data.
    expect(page).toContain(`"loginHint":"${citizen.documentNumber}"`);
    const done = await finishLogin(h, browser, loginId, citizen);
    expectCodeResponse(redirectParams(done), { state: auth.state, issuer: h.config.issuer });
  });

  it("does not answer a hint at another citizen from the session", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    await signIn(h, rp, browser, await h.registerCitizen());
    const someoneElse = await h.registerCitizen();
    const auth = await rp.authorization({ login_hint: someoneElse.documentNumber });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expect(loginIdOf(response), response.headers.get("location") ?? "").not.toBeNull();
  });

  it("ignores a hint that is not a document", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { claims } = await signIn(h, rp, new Browser(h), citizen, {
      login_hint: "<script>alert(1)</script>@example.es",
    });
    expect(claims.sub).toEqual(expect.any(String));
  });
});
