/**
 * oidcc-idtoken-signature — the ID token is signed with an algorithm listed in
 * `id_token_signing_alg_values_supported`, by a key in the JWKS named by `kid`, and verifies
 * (OIDC Core 3.1.3.7 steps 6–8, 10.1): ES256 by default, RS256 for a client registered for it
 * (the suite's oidcc-idtoken-rs256). Never `none` (oidcc-idtoken-unsigned is not supported).
 */
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { signIn } from "./support.ts";

describe("oidcc-idtoken-signature", () => {
  it.each(["ES256", "RS256"] as const)(
    "signs with %s for a client registered for it",
    async (alg) => {
      const h = harness();
      const rp = await relyingParty(h, { idTokenAlg: alg });
      const citizen = await h.registerCitizen();
      const { tokens } = await signIn(h, rp, new Browser(h), citizen);
      const header = decodeProtectedHeader(tokens.id_token);
      expect(header.alg).toBe(alg);
      const jwks = (await (await h.call("GET", "/jwks")).json()) as {
        keys: { kid: string; alg: string }[];
      };
      expect(jwks.keys.find((k) => k.kid === header.kid)?.alg).toBe(alg);
    },
  );
});
