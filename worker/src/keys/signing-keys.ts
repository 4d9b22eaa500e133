/**
 * The provider's signing keys (ES256 by default, RS256 per client), from the SIGNING_KEYS
 * secret: a private JWK set in which every key has a `kid` and an `alg`. SIGNING_KEY_ACTIVE
 * names the key that signs for each algorithm; every key in the set is published in the JWKS.
 *
 * Rotation never breaks a client: an operator first adds the next key (published, not
 * signing), waits for JWKS caches to expire, makes it active, and removes the previous key
 * only once the longest-lived token it signed has expired (docs/deployment.md).
 */
import { type CryptoKey, importJWK, type JWK, type JWTPayload } from "jose";
import { ConfigError } from "../config.ts";
import type { SigningAlg } from "../storage/client-store.ts";
import { compactSigner } from "./compact-jws.ts";

export const SIGNING_ALGS = ["ES256", "RS256"] as const satisfies readonly SigningAlg[];

/** Members of a JWK that are private (RFC 7517/7518); never published. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

export type PublicJwk = JWK & { kid: string; alg: SigningAlg; use: "sig" };

/** The port the app signs and verifies its own tokens through. */
export interface SigningKeys {
  /** The public JWK set served at /jwks: every key, signing or not. */
  publicJwks(): Promise<{ keys: PublicJwk[] }>;
  sign(payload: JWTPayload, options: { alg: SigningAlg; typ: string }): Promise<string>;
  /** The public key with this kid, for verifying our own tokens (id_token_hint, access tokens). */
  publicKey(kid: string): Promise<CryptoKey | null>;
}

const isAlg = (alg: unknown): alg is SigningAlg => SIGNING_ALGS.includes(alg as SigningAlg);

const publicPart = (jwk: JWK): JWK =>
  Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)));

/**
 * Parses and imports the key set. Throws ConfigError with a precise reason for a set that could
 * not sign safely (missing kid, duplicate kid, unsupported alg, active kid not in the set).
 */
export async function loadSigningKeys(jwksText: string, active: string[]): Promise<SigningKeys> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwksText);
  } catch {
    throw new ConfigError("SIGNING_KEYS is not valid JSON");
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new ConfigError('SIGNING_KEYS must be a JWK set: {"keys":[…]}');
  }
  const published: PublicJwk[] = [];
  const privateKeys = new Map<string, CryptoKey>();
  const publicKeys = new Map<string, CryptoKey>();
  for (const jwk of keys as JWK[]) {
    const { kid, alg } = jwk;
    if (typeof kid !== "string" || kid === "")
      throw new ConfigError("every signing key needs a kid");
    if (!isAlg(alg)) throw new ConfigError(`signing key ${kid}: alg must be ES256 or RS256`);
    if (publicKeys.has(kid)) throw new ConfigError(`signing key ${kid} appears twice`);
    if (typeof jwk.d !== "string") throw new ConfigError(`signing key ${kid} is not a private key`);
    const pub = { ...publicPart(jwk), kid, alg, use: "sig" } as PublicJwk;
    published.push(pub);
    publicKeys.set(kid, (await importJWK(pub, alg)) as CryptoKey);
    privateKeys.set(kid, (await importJWK(jwk, alg)) as CryptoKey);
  }

  const signing = new Map<SigningAlg, ReturnType<typeof compactSigner>>();
  for (const kid of active) {
    const key = privateKeys.get(kid);
    const jwk = published.find((k) => k.kid === kid);
    if (!key || !jwk) throw new ConfigError(`SIGNING_KEY_ACTIVE names ${kid}, not in SIGNING_KEYS`);
    if (signing.has(jwk.alg)) throw new ConfigError(`two active keys for ${jwk.alg}`);
    signing.set(jwk.alg, compactSigner({ alg: jwk.alg, kid, key }));
  }
  if (!signing.has("ES256")) throw new ConfigError("an active ES256 key is required");

  return {
    publicJwks: async () => ({ keys: published }),
    async sign(payload, { alg, typ }) {
      const sign = signing.get(alg);
      if (!sign) throw new ConfigError(`no active ${alg} signing key`);
      return sign(typ, payload);
    },
    publicKey: async (kid) => publicKeys.get(kid) ?? null,
  };
}

/**
 * The keys from configuration, imported on first use (importing is async, the composition
 * root is not) and then kept for the isolate's life.
 */
export function signingKeys(config: { jwks: string; active: string[] }): SigningKeys {
  let loaded: Promise<SigningKeys> | undefined;
  const keys = () => {
    loaded ??= loadSigningKeys(config.jwks, config.active);
    return loaded;
  };
  return {
    publicJwks: async () => (await keys()).publicJwks(),
    sign: async (payload, options) => (await keys()).sign(payload, options),
    publicKey: async (kid) => (await keys()).publicKey(kid),
  };
}
