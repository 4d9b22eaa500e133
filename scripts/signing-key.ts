/**
 * `npm run signing-key -- [ES256|RS256] [kid]`: prints a new private signing JWK (with `kid`,
 * `alg`, `use`) for SIGNING_KEYS. docs/deployment.md "Signing keys" shows how a rotation adds
 * it as the next key, makes it active, and later retires the previous one.
 */
import { randomBytes } from "node:crypto";
import { signingKey } from "./lib/secrets.ts";

const [alg = "ES256", kid] = process.argv.slice(2);
if (alg !== "ES256" && alg !== "RS256") {
  console.error("usage: npm run signing-key -- [ES256|RS256] [kid]");
  process.exit(2);
}
const stamp = new Date().toISOString().slice(0, 10);
const id = kid ?? `${alg.toLowerCase()}-${stamp}-${randomBytes(3).toString("hex")}`;
console.log(JSON.stringify(signingKey(alg, id)));
