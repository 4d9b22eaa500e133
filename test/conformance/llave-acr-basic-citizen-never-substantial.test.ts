/**
 * llave-acr-basic-citizen-never-substantial — the asserted level is the lower of the
 * registration's cap and the method's level (SECURITY.md "Levels of assurance", eIDAS
 * 2015/1502 2.1.2): a citizen with a basic registration who logs in with an app PIN (a
 * substantial method) is asserted `low`. When the client requires substantial, the login
 * cannot satisfy it: no PIN is even sent for it (login-experience.md "Levels before
 * secrets"), and an approval in the app — a substantial method, capped at low — ends in
 * `unmet_authentication_requirements` at the redirect URI with `state` and `iss` (OpenID
 * Connect EAP ACR Values 1.0 §4), no code and no session.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { activateBoundDevice, answer, scan, startQr } from "../worker/mobile-support.ts";
import { Browser, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams, signIn } from "./support.ts";

const APP = { channel: "app" };

describe("llave-acr-basic-citizen-never-substantial", () => {
  it("asserts low for a basic citizen's app PIN login", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    const { claims } = await signIn(h, rp, new Browser(h), citizen, {}, APP);
    expect(claims.acr).toBe("http://eidas.europa.eu/LoA/low");
    expect(claims.amr).toEqual(["otp", "mca"]);
  });

  it.each([
    ["acr_values asks for it", {}, { acr_values: "http://eidas.europa.eu/LoA/substantial" }],
    ["the client's minimum is substantial", { minAcr: "substantial" as const }, {}],
    [
      "an essential acr claim asks for it",
      {},
      {
        claims: JSON.stringify({
          id_token: { acr: { essential: true, value: "http://eidas.europa.eu/LoA/substantial" } },
        }),
      },
    ],
  ])("answers unmet_authentication_requirements when %s", async (_, client, extra) => {
    const h = harness();
    const rp = await relyingParty(h, { ...client, allowedMethods: ["pin", "mobile"] });
    const citizen = await h.registerCitizen({ registrationLevel: "basic" });
    const device = await activateBoundDevice(h, citizen);
    const browser = new Browser(h);
    const auth = await rp.authorization(extra);
    const handedOver = await browser.request("GET", rp.authorizePath(auth.params));
    const loginId = loginIdOf(handedOver);
    expect(loginId, handedOver.headers.get("location") ?? "").not.toBeNull();

    const qr = await startQr(h, loginId ?? "", browser.cookies.header);
    const scanned = await scan(device, qr.frame ?? "");
    await answer(device, scanned.body.approval.id, { decision: "approve", number: qr.number });
    const done = await browser.request("POST", `/login/${loginId}/continue`, "");
    expectErrorResponse(redirectParams(done), {
      error: "unmet_authentication_requirements",
      state: auth.state,
      issuer: h.config.issuer,
    });
    expect(browser.cookies.has("__Host-llave-session")).toBe(false);
  });
});
