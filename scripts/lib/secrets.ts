/**
 * Fresh worker secrets for local use: the dev stack (kept in .data/dev-secrets.json), tests and
 * benchmarks. Production secrets are set with `wrangler secret put` (docs/deployment.md); this
 * is the same shape, made with Node's CSPRNG and key generator.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";

export type WorkerSecrets = {
  PIN_PEPPER: string;
  PASSWORD_PEPPER: string;
  SUBJECT_SALT: string;
  ADMIN_TOKEN: string;
  SIGNING_KEYS: string;
  SIGNING_KEY_ACTIVE: string;
};

const random = () => randomBytes(32).toString("base64url");

/** A private signing JWK with its `kid`, `alg` and `use`. */
export function signingKey(alg: "ES256" | "RS256", kid: string): Record<string, unknown> {
  const pair =
    alg === "ES256"
      ? generateKeyPairSync("ec", { namedCurve: "P-256" })
      : generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...pair.privateKey.export({ format: "jwk" }), kid, alg, use: "sig" };
}

/** One ES256 and one RS256 signing key, both active. */
export function generateSecrets(): WorkerSecrets {
  const stamp = new Date().toISOString().slice(0, 10);
  const es = signingKey("ES256", `es256-${stamp}-${random().slice(0, 6)}`);
  const rs = signingKey("RS256", `rs256-${stamp}-${random().slice(0, 6)}`);
  return {
    PIN_PEPPER: random(),
    PASSWORD_PEPPER: random(),
    SUBJECT_SALT: random(),
    ADMIN_TOKEN: random(),
    SIGNING_KEYS: JSON.stringify({ keys: [es, rs] }),
    SIGNING_KEY_ACTIVE: `${es.kid},${rs.kid}`,
  };
}
