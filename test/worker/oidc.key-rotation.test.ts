/**
 * Keys rotate without a failed verification (SECURITY.md "Keys rotate without breaking
 * clients"): the next key is published before it signs, and the previous key stays published
 * after it stops signing, so a relying party holding any JWKS fetched during the rotation
 * verifies every token. Also: a key set that cannot sign safely is refused at load.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../worker/src/config.ts";
import { loadSigningKeys } from "../../worker/src/keys/signing-keys.ts";
import { harness } from "./harness.ts";
import { Browser, relyingParty } from "./relying-party.ts";

async function key(kid: string, alg: "ES256" | "RS256" = "ES256"): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg, use: "sig" };
}

const keySet = (...keys: JWK[]) => JSON.stringify({ keys });

describe("signing key rotation", () => {
  it("verifies every token with any JWKS fetched during the rotation", async () => {
    const [k1, k2] = [await key("k1"), await key("k2")];
    const stage = (jwks: string, active: string) =>
      harness({ config: (c) => ({ ...c, signingKeys: { jwks, active: [active] } }) });

    // 1. k1 signs; 2. k2 published as next; 3. k2 signs, k1 still published; 4. k1 removed.
    const stages = [
      stage(keySet(k1), "k1"),
      stage(keySet(k1, k2), "k1"),
      stage(keySet(k1, k2), "k2"),
      stage(keySet(k2), "k2"),
    ];
    const jwksAt = await Promise.all(
      stages.map(async (h) => (await (await h.call("GET", "/jwks")).json()) as { keys: JWK[] }),
    );
    expect(jwksAt.map((s) => s.keys.map((k) => k.kid))).toEqual([
      ["k1"],
      ["k1", "k2"],
      ["k1", "k2"],
      ["k2"],
    ]);
    for (const published of jwksAt) {
      for (const k of published.keys) expect(Object.keys(k)).not.toContain("d");
    }

    const citizen = await stages[0]?.registerCitizen();
    for (const [i, h] of stages.entries()) {
      if (!citizen) throw new Error("no citizen");
      const rp = await relyingParty(h);
      const auth = await rp.authorization();
      const query = await rp.authorize(new Browser(h), auth, citizen);
      const tokens = (await (await rp.redeem(query.get("code") ?? "", auth)).json()) as {
        id_token: string;
      };
      // The JWKS a client fetched one stage earlier (or at this stage) still verifies.
      for (const cached of [jwksAt[Math.max(0, i - 1)], jwksAt[i]]) {
        const { protectedHeader } = await jwtVerify(
          tokens.id_token,
          createLocalJWKSet(cached as { keys: JWK[] }),
          { issuer: h.config.issuer, audience: rp.client.id },
        );
        expect(protectedHeader.kid).toBe(i < 2 ? "k1" : "k2");
      }
    }
  });

  it("refuses key sets that cannot sign safely", async () => {
    const [es, rs] = [await key("es"), await key("rs", "RS256")];
    const { kid: _, ...noKid } = es;
    const { d: __, ...publicOnly } = es;
    const cases: [string, string[], RegExp][] = [
      ["not json", ["es"], /not valid JSON/],
      [keySet(noKid), ["es"], /needs a kid/],
      [keySet(es, es), ["es"], /appears twice/],
      [keySet(publicOnly), ["es"], /not a private key/],
      [keySet(es), ["other"], /not in SIGNING_KEYS/],
      [keySet(rs), ["rs"], /active ES256 key is required/],
      [keySet({ ...es, alg: "HS256" }), ["es"], /ES256 or RS256/],
    ];
    for (const [jwks, active, message] of cases) {
      await expect(loadSigningKeys(jwks, active)).rejects.toThrow(message);
      await expect(loadSigningKeys(jwks, active)).rejects.toBeInstanceOf(ConfigError);
    }
  });
});
