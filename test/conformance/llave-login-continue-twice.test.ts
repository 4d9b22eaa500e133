/**
 * llave-login-continue-twice — "Continuar" pressed twice (a double click, a reload of the
 * POST): the first press issued the code and opened the session; the second must not undo
 * either (SECURITY.md "One-time secrets": accepted once — the second use fails; "Browser
 * surface": the session is rotated on login, not destroyed by a repeated request). The second
 * answer gives no second code and no 5xx; the first code still redeems and the session still
 * answers `prompt=none`.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, finishLogin, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectCodeResponse, redirectParams, sessionAlive, tokensOf } from "./support.ts";

describe("llave-login-continue-twice", () => {
  it("keeps the first code and the session when continue is posted again", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const handedOver = await browser.request("GET", rp.authorizePath(auth.params));
    const loginId = loginIdOf(handedOver) ?? "";
    const done = await finishLogin(h, browser, loginId, citizen);
    const code = expectCodeResponse(redirectParams(done), {
      state: auth.state,
      issuer: h.config.issuer,
    });

    const again = await browser.request("POST", `/login/${loginId}/continue`, "");
    expect(again.status).toBeLessThan(500);
    expect(new URL(again.headers.get("location") ?? "https://x/").searchParams.has("code")).toBe(
      false,
    );

    expect(await sessionAlive(rp, browser)).toBe(true);
    await tokensOf(await rp.redeem(code, auth));
  });
});
