/**
 * A client's public keys, for signed request objects and private_key_jwt assertions: the JWKS
 * registered with the client, or fetched from its `jwks_uri` (jose caches the fetched set and
 * refetches, rate-limited, when a `kid` is unknown, so a client can rotate its keys).
 */
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { Client } from "../storage/client-store.ts";

/** Algorithms accepted on what clients sign; never `none`, never HMAC with a shared secret. */
export const CLIENT_SIGNING_ALGS = ["ES256", "RS256", "PS256"];

const remote = new Map<string, JWTVerifyGetKey>();

export function clientKeySet(client: Pick<Client, "jwks" | "jwksUri">): JWTVerifyGetKey | null {
  if (client.jwks) return createLocalJWKSet(client.jwks as Parameters<typeof createLocalJWKSet>[0]);
  if (!client.jwksUri) return null;
  let set = remote.get(client.jwksUri);
  if (!set) {
    set = createRemoteJWKSet(new URL(client.jwksUri), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
    remote.set(client.jwksUri, set);
  }
  return set;
}
