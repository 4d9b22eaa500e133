/**
 * oidcc-ensure-request-without-nonce-succeeds-for-code-flow — `nonce` is OPTIONAL in the code
 * flow (OIDC Core 3.1.2.1): a request without it succeeds and the ID token has no `nonce`
 * claim (OIDC Core 2: present only when the request had one). With a nonce, it comes back
 * verbatim in the ID token of the code exchange.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { signIn } from "./support.ts";

describe("oidcc-ensure-request-without-nonce-succeeds-for-code-flow", () => {
  it("issues an ID token without nonce for a request without one", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { claims } = await signIn(h, rp, new Browser(h), citizen, { nonce: undefined });
    expect(claims).not.toHaveProperty("nonce");
  });

  it("returns a given nonce verbatim", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const nonce = "n-0S6_WzA2Mj ü+/=";
    const { claims } = await signIn(h, rp, new Browser(h), citizen, { nonce });
    expect(claims.nonce).toBe(nonce);
  });
});
