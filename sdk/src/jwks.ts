/**
 * The provider's signing keys, cached, with exactly one refresh when a token names a `kid`
 * the cache does not hold (the provider published a new key). The refresh is skipped while the
 * cached set is younger than the cool-down, so a stream of forged `kid`s cannot make the SDK
 * hammer the JWKS endpoint.
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { cached } from "./discovery.ts";
import { LlaveError } from "./errors.ts";
import { jsonObject, send } from "./http.ts";
import type { Runtime } from "./options.ts";

/** Seconds during which a just-fetched JWKS is not fetched again for an unknown `kid`. */
const COOLDOWN_MS = 30_000;

/** A jose key resolver over the JWKS at `uri()`. */
export function remoteKeySet(
  uri: () => Promise<string>,
  rt: Runtime,
  ttlMs: number,
): JWTVerifyGetKey {
  const keys = cached(
    async () => {
      const url = await uri();
      const response = await send(rt.fetch, url, { headers: { accept: "application/json" } });
      if (!response.ok) {
        throw new LlaveError("jwks_failed", `The JWKS answered ${response.status}`, {
          status: response.status,
        });
      }
      const body = await jsonObject(response, "JWKS");
      if (!Array.isArray(body.keys)) throw new LlaveError("jwks_failed", "The JWKS has no keys");
      return createLocalJWKSet(body as unknown as JSONWebKeySet);
    },
    ttlMs,
    rt.now,
  );
  return async (header, token) => {
    try {
      return await (await keys.get())(header, token);
    } catch (error) {
      const age = keys.age();
      if (!(error instanceof errors.JWKSNoMatchingKey) || (age !== null && age < COOLDOWN_MS)) {
        throw error;
      }
      keys.clear();
      return (await keys.get())(header, token);
    }
  };
}
