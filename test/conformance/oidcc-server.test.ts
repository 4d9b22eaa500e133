/**
 * oidcc-server — the basic happy flow (OIDC Core 3.1): an authorization request with
 * `response_type=code`, a login, an authorization response with `code`, `state` and `iss`,
 * a code exchange answering a signed ID token that validates per OIDC Core 3.1.3.7, and
 * userinfo answering the same `sub` (OIDC Core 5.3.2).
 */
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { claimsOf, signIn, userinfo } from "./support.ts";

describe("oidcc-server", () => {
  it("completes the code flow with a valid ID token and matching userinfo", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { auth, tokens, claims } = await signIn(h, rp, new Browser(h), citizen);

    const header = decodeProtectedHeader(tokens.id_token);
    expect(header.alg).toBe("ES256");
    expect(header.kid).toEqual(expect.any(String));
    const now = Math.floor(h.clock.now() / 1000);
    expect(claims.iss).toBe(h.config.issuer);
    expect(claims.aud).toBe(rp.client.id);
    expect(claims.nonce).toBe(auth.nonce);
    expect(claims.sub).toEqual(expect.any(String));
    expect(claims.iat).toBeLessThanOrEqual(now);
    expect(claims.exp).toBeGreaterThan(now);
    expect(claims.auth_time).toBeLessThanOrEqual(now);
    expect(claims.acr).toBe("http://eidas.europa.eu/LoA/low");

    const info = await claimsOf(await userinfo(h, tokens.access_token));
    expect(info.sub).toBe(claims.sub);
  });
});
