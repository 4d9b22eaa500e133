/**
 * A ClientStore that remembers `find` answers for a few seconds per isolate. /authorize and
 * /token look the client up on every request, and clients change rarely, so without this the
 * token endpoint would spend a database round trip per request on the same row.
 *
 * Writes through this store drop the entry at once; a change made elsewhere (another isolate,
 * the CLI against another location) reaches this isolate within `ttlMs` — the staleness an
 * operator accepts when disabling a client (docs/configuration.md, CLIENT_CACHE_SECONDS).
 */
import type { Clock } from "../clock.ts";
import type { Client, ClientStore } from "./client-store.ts";

/** Bounded so that probing random client ids cannot grow the isolate's memory. */
const MAX_ENTRIES = 1000;

export function cachedClientStore(inner: ClientStore, clock: Clock, ttlMs: number): ClientStore {
  if (ttlMs <= 0) return inner;
  const entries = new Map<string, { client: Client | null; until: number }>();
  const forget = <T>(id: string, result: Promise<T>) => result.finally(() => entries.delete(id));

  return {
    async find(id) {
      const now = clock.now();
      const hit = entries.get(id);
      if (hit && now < hit.until) return hit.client;
      const client = await inner.find(id);
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(id, { client, until: now + ttlMs });
      return client;
    },
    list: (page) => inner.list(page),
    create: (client, audit) =>
      inner.create(client, audit).then((c) => {
        entries.delete(c.id);
        return c;
      }),
    update: (id, patch, audit) => forget(id, inner.update(id, patch, audit)),
    rotateSecret: (id, hash, grace, audit) =>
      forget(id, inner.rotateSecret(id, hash, grace, audit)),
    useAssertion: (clientId, jti, expiresAt) => inner.useAssertion(clientId, jti, expiresAt),
  };
}
