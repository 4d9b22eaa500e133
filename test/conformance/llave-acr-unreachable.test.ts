/**
 * llave-acr-unreachable — a level no login method allowed for the client can reach (PINs
 * prove at most substantial; SECURITY.md "Levels of assurance") fails before any login:
 * /authorize answers `unmet_authentication_requirements` at the redirect URI with `state` and
 * `iss` (OpenID Connect EAP ACR Values 1.0 §4), never handing over to the login page or
 * sending a PIN — whether `high` comes from acr_values, the client's minimum or an essential
 * acr claim, and even with a live session.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams, signIn } from "./support.ts";

const HIGH = "http://eidas.europa.eu/LoA/high";

describe("llave-acr-unreachable", () => {
  const h = harness();

  it.each([
    ["acr_values=high", {}, { acr_values: HIGH }],
    ["acr_values listing only high and unknown values", {}, { acr_values: `urn:x ${HIGH}` }],
    ["the client's minimum is high", { minAcr: "high" as const }, {}],
    [
      "an essential acr claim for high",
      {},
      { claims: JSON.stringify({ id_token: { acr: { essential: true, values: [HIGH] } } }) },
    ],
    [
      "an essential acr claim with values this provider does not know",
      {},
      { claims: JSON.stringify({ id_token: { acr: { essential: true, values: ["urn:x"] } } }) },
    ],
  ])("answers unmet_authentication_requirements for %s", async (_, client, extra) => {
    const rp = await relyingParty(h, client);
    const auth = await rp.authorization(extra);
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "unmet_authentication_requirements",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("answers it from /authorize even with a live session", async () => {
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const browser = new Browser(h);
    await signIn(h, rp, browser, citizen, {}, { channel: "app" });
    const pins = (await h.delivered(citizen.id)).length;
    const auth = await rp.authorization({ acr_values: HIGH });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "unmet_authentication_requirements",
      state: auth.state,
      issuer: h.config.issuer,
    });
    expect(await h.delivered(citizen.id)).toHaveLength(pins);
  });
});
