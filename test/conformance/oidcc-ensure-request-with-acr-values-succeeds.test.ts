/**
 * oidcc-ensure-request-with-acr-values-succeeds — a request with `acr_values` succeeds (OIDC
 * Core 3.1.2.1; 15.1: "the minimum level of support required for this parameter is simply to
 * have its use not result in an error"). With the advertised `acr_values_supported`, as the
 * suite sends them, the ID token's `acr` is one of the requested values. Values the provider
 * does not know (the suite's fallback is "1 2") are voluntary and must not fail the request.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { signIn } from "./support.ts";

describe("oidcc-ensure-request-with-acr-values-succeeds", () => {
  it("succeeds with the advertised values and asserts one of them", async () => {
    const h = harness();
    const discovery = (await (await h.call("GET", "/.well-known/openid-configuration")).json()) as {
      acr_values_supported: string[];
    };
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const acrValues = discovery.acr_values_supported.join(" ");
    const { claims } = await signIn(h, rp, new Browser(h), citizen, { acr_values: acrValues });
    expect(discovery.acr_values_supported).toContain(claims.acr);
  });

  it("succeeds with values it does not know", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { claims } = await signIn(h, rp, new Browser(h), citizen, { acr_values: "1 2" });
    expect(claims.acr).toBe("http://eidas.europa.eu/LoA/low");
  });
});
