/**
 * The ClientStore contract: what every adapter must do. Run it with `clientStoreContract(
 * "name", (clock) => ({ clients, audit }))` from a test file next to the adapter's wiring; the
 * suite moves `clock` to test expiry, so the store must read time from it.
 */
import { describe, expect, it } from "vitest";
import type { Clock } from "../../worker/src/clock.ts";
import { clientSecretHash, clientSecretMatches } from "../../worker/src/crypto/client-secret.ts";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import type { AuditEntry, AuditLog } from "../../worker/src/storage/audit-log.ts";
import {
  ClientNotFoundError,
  type ClientStore,
  DuplicateClientError,
  type NewClient,
} from "../../worker/src/storage/client-store.ts";

/** The secret whose digest `sampleClient` stores. */
export const SAMPLE_CLIENT_SECRET = "sample-client-secret-0123456789abcdefghijklmnop";

/** A public EC key, as an agency would publish for private_key_jwt. */
export const SAMPLE_JWK = {
  kty: "EC",
  crv: "P-256",
  x: "sjXWg_013uRunW-rJp_8tuHgRL2wBBmH54n-aMHTBg4",
  y: "8Da1qwF8EBEgOdFJIxu01NEOU9lI8MXo0XfvAd4wZfU",
  kid: "agencia-2030",
  use: "sig",
};

/**
 * A complete, valid client_secret_basic client for `SAMPLE_CLIENT_SECRET`; no id (generated).
 *
 * @example await clients.create(sampleClient({ minAcr: "substantial" }), { actor: "system" });
 */
export const sampleClient = (overrides: Partial<NewClient> = {}): NewClient => ({
  name: "Agencia de Pruebas",
  authMethod: "client_secret_basic",
  secretHash: "OKb1Y9t-9WHYdg7N7VumtS4kzXiHwCGv1C2KKRJELlA",
  jwks: null,
  jwksUri: null,
  redirectUris: ["https://sede.agencia.example/callback", "https://sede.agencia.example/cb?x=1"],
  postLogoutRedirectUris: ["https://sede.agencia.example/"],
  frameOrigins: ["https://sede.agencia.example"],
  allowedMethods: ["pin"],
  minAcr: "low",
  subjectType: "pairwise",
  sectorIdentifier: "sede.agencia.example",
  scopes: ["openid", "profile", "document"],
  idTokenAlg: "ES256",
  idTokenTtl: 300,
  accessTokenTtl: 300,
  refreshTokenTtl: 86_400,
  backchannelLogoutUri: null,
  ...overrides,
});

const operator = { actor: "operator", ip: "198.51.100.7", userAgent: "contract" } as const;

/** A clock the suite moves by hand. */
function manualClock() {
  let now = Date.parse("2030-01-15T09:00:00Z");
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function eventsOf(audit: AuditLog, clientId: string): Promise<AuditEntry[]> {
  const entries = await audit.list({ limit: 1000 });
  return entries.filter((e) => e.detail?.clientId === clientId).reverse();
}

/**
 * Registers the suite for one adapter.
 *
 * @example
 * clientStoreContract("libSQL", (clock) => accountsFrom(config, env, clock, cryptoRandom));
 */
export function clientStoreContract(
  name: string,
  make: (clock: Clock) => { clients: ClientStore; audit: AuditLog },
) {
  describe(`ClientStore contract: ${name}`, () => {
    it("creates a client and finds it with every field intact", async () => {
      const clock = manualClock();
      const { clients } = make(clock);
      const input = sampleClient({
        authMethod: "private_key_jwt",
        secretHash: null,
        jwks: { keys: [SAMPLE_JWK] },
        allowedMethods: ["pin", "password"],
        minAcr: "substantial",
        scopes: ["openid", "email", "phone", "offline_access"],
        idTokenAlg: "RS256",
        backchannelLogoutUri: "https://sede.agencia.example/logout",
      });
      const saved = await clients.create(input, operator);
      expect(saved).toEqual({
        ...input,
        id: expect.stringMatching(/^cl_[A-Za-z0-9_-]{22}$/),
        status: "active",
        previousSecretHash: null,
        previousSecretExpiresAt: null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      expect(await clients.find(saved.id)).toEqual(saved);
    });

    it("keeps an id chosen by the operator, and the digest it was given", async () => {
      const { clients } = make(manualClock());
      const id = `agencia-${randomToken(cryptoRandom, 48).toLowerCase()}`;
      const saved = await clients.create(sampleClient({ id }), operator);
      expect(saved.id).toBe(id);
      expect(await clientSecretMatches(SAMPLE_CLIENT_SECRET, [saved.secretHash])).toBe(true);
    });

    it("answers null for an unknown id", async () => {
      const { clients } = make(manualClock());
      expect(await clients.find("cl_does_not_exist")).toBeNull();
    });

    it("refuses a second client with the same id, atomically: no audit event for it", async () => {
      const { clients, audit } = make(manualClock());
      const first = await clients.create(sampleClient(), operator);
      await expect(
        clients.create(sampleClient({ id: first.id, name: "Impostor" }), operator),
      ).rejects.toBeInstanceOf(DuplicateClientError);
      expect((await clients.find(first.id))?.name).toBe(first.name);
      const created = (await eventsOf(audit, first.id)).filter((e) => e.event === "client.created");
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ actor: "operator", ip: "198.51.100.7", citizenId: null });
    });

    it("updates fields and records which changed, never their values", async () => {
      const clock = manualClock();
      const { clients, audit } = make(clock);
      const saved = await clients.create(sampleClient(), operator);
      clock.advance(1000);
      const updated = await clients.update(
        saved.id,
        { name: "Agencia Renombrada", redirectUris: ["https://nueva.example/cb"], minAcr: "low" },
        operator,
      );
      expect(updated).toEqual({
        ...saved,
        name: "Agencia Renombrada",
        redirectUris: ["https://nueva.example/cb"],
        updatedAt: clock.now(),
      });
      expect(await clients.find(saved.id)).toEqual(updated);
      const [, event] = await eventsOf(audit, saved.id);
      expect(event).toMatchObject({
        event: "client.updated",
        detail: { clientId: saved.id, fields: "name,redirectUris" },
      });
      expect(JSON.stringify(event)).not.toContain("nueva.example");
    });

    it("an update that changes nothing writes nothing", async () => {
      const clock = manualClock();
      const { clients, audit } = make(clock);
      const saved = await clients.create(sampleClient(), operator);
      clock.advance(1000);
      expect(await clients.update(saved.id, { name: saved.name }, operator)).toEqual(saved);
      expect(await clients.update(saved.id, {}, operator)).toEqual(saved);
      expect(await eventsOf(audit, saved.id)).toHaveLength(1);
    });

    it("disabling writes client.disabled; enabling again is an update", async () => {
      const { clients, audit } = make(manualClock());
      const saved = await clients.create(sampleClient(), operator);
      expect((await clients.update(saved.id, { status: "disabled" }, operator)).status).toBe(
        "disabled",
      );
      expect((await clients.find(saved.id))?.status).toBe("disabled");
      await clients.update(saved.id, { status: "active" }, operator);
      const events = await eventsOf(audit, saved.id);
      expect(events.map((e) => [e.event, e.detail?.fields])).toEqual([
        ["client.created", undefined],
        ["client.disabled", "status"],
        ["client.updated", "status"],
      ]);
    });

    it("a client moved to private_key_jwt keeps no secret", async () => {
      const { clients } = make(manualClock());
      const saved = await clients.create(sampleClient(), operator);
      await clients.rotateSecret(saved.id, "digest-2", Date.now() + 60_000, operator);
      const moved = await clients.update(
        saved.id,
        { authMethod: "private_key_jwt", jwks: { keys: [SAMPLE_JWK] } },
        operator,
      );
      expect(moved).toMatchObject({
        secretHash: null,
        previousSecretHash: null,
        previousSecretExpiresAt: null,
      });
    });

    it("update and rotation of an unknown client fail and write nothing", async () => {
      const { clients, audit } = make(manualClock());
      const id = `cl_${randomToken(cryptoRandom)}`;
      await expect(clients.update(id, { name: "x" }, operator)).rejects.toBeInstanceOf(
        ClientNotFoundError,
      );
      await expect(clients.rotateSecret(id, "d", 0, operator)).rejects.toBeInstanceOf(
        ClientNotFoundError,
      );
      expect(await clients.find(id)).toBeNull();
      expect(await eventsOf(audit, id)).toEqual([]);
    });

    it("rotating a secret keeps the previous digest until the end of the grace period", async () => {
      const clock = manualClock();
      const { clients, audit } = make(clock);
      const saved = await clients.create(sampleClient(), operator);
      const graceUntil = clock.now() + 86_400_000;
      const next = await clientSecretHash("the-next-secret");
      const rotated = await clients.rotateSecret(saved.id, next, graceUntil, operator);
      expect(rotated).toMatchObject({
        secretHash: next,
        previousSecretHash: saved.secretHash,
        previousSecretExpiresAt: graceUntil,
        updatedAt: clock.now(),
      });
      expect(await clients.find(saved.id)).toEqual(rotated);

      // A second rotation drops the first secret for good, whatever its grace period.
      const third = await clients.rotateSecret(saved.id, "digest-3", clock.now(), operator);
      expect(third).toMatchObject({
        secretHash: "digest-3",
        previousSecretHash: next,
        previousSecretExpiresAt: clock.now(),
      });
      const events = await eventsOf(audit, saved.id);
      expect(events.map((e) => e.event)).toEqual([
        "client.created",
        "client.secret_rotated",
        "client.secret_rotated",
      ]);
      expect(JSON.stringify(events)).not.toContain(next);
    });

    it("rotating when there was no secret leaves no previous one", async () => {
      const { clients } = make(manualClock());
      const saved = await clients.create(
        sampleClient({
          authMethod: "private_key_jwt",
          secretHash: null,
          jwksUri: "https://a.example/jwks",
        }),
        operator,
      );
      const rotated = await clients.rotateSecret(saved.id, "digest", Date.now() + 1000, operator);
      expect(rotated).toMatchObject({
        secretHash: "digest",
        previousSecretHash: null,
        previousSecretExpiresAt: null,
      });
    });

    it("lists in id order, a page at a time", async () => {
      const { clients } = make(manualClock());
      const prefix = `page-${randomToken(cryptoRandom, 48)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "0")}`;
      const ids = [`${prefix}-c`, `${prefix}-a`, `${prefix}-b`];
      for (const id of ids) await clients.create(sampleClient({ id }), operator);

      const first = await clients.list({ limit: 2, after: `${prefix}-` });
      expect(first.clients.map((c) => c.id)).toEqual([`${prefix}-a`, `${prefix}-b`]);
      expect(first.next).toBe(`${prefix}-b`);
      const second = await clients.list({ limit: 2, after: first.next ?? "" });
      expect(second.clients[0]?.id).toBe(`${prefix}-c`);
      expect(second.clients[0]).toEqual(await clients.find(`${prefix}-c`));

      const all = await clients.list({ limit: 1000 });
      const listed = all.clients.map((c) => c.id);
      expect(listed).toEqual(expect.arrayContaining(ids));
      expect(listed).toEqual([...listed].sort());
      expect(await clients.list({ limit: 5, after: "~" })).toEqual({ clients: [], next: null });
    });

    it("records an assertion's jti once: a replay is refused until it expires", async () => {
      const clock = manualClock();
      const { clients } = make(clock);
      const client = `cl_${randomToken(cryptoRandom)}`;
      const jti = randomToken(cryptoRandom);
      const expiresAt = clock.now() + 60_000;
      expect(await clients.useAssertion(client, jti, expiresAt)).toBe(true);
      expect(await clients.useAssertion(client, jti, expiresAt)).toBe(false);
      clock.advance(59_999);
      expect(await clients.useAssertion(client, jti, expiresAt + 60_000)).toBe(false);
      // Another client may use the same jti: replay is per client.
      expect(await clients.useAssertion(`${client}x`, jti, expiresAt)).toBe(true);
      clock.advance(1);
      expect(await clients.useAssertion(client, jti, clock.now() + 60_000)).toBe(true);
      expect(await clients.useAssertion(client, jti, clock.now() + 60_000)).toBe(false);
    });

    it("records concurrent uses of one jti exactly once", async () => {
      const clock = manualClock();
      const { clients } = make(clock);
      const client = `cl_${randomToken(cryptoRandom)}`;
      const jti = randomToken(cryptoRandom);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => clients.useAssertion(client, jti, clock.now() + 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
