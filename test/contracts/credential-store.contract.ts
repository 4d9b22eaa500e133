/**
 * The CredentialStore contract: what every adapter must do with passwords and activation
 * codes — in particular the conditions that make an activation code single use and try-capped
 * however requests race. Run it with `credentialStoreContract("name", () => stores)`.
 */
import { describe, expect, it } from "vitest";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import type { AuditLog } from "../../worker/src/storage/audit-log.ts";
import type {
  CredentialStore,
  NewActivationCode,
} from "../../worker/src/storage/credential-store.ts";

const DAY = 86_400_000;
const MAX = 5;

const citizenId = () => `cit_${randomToken(cryptoRandom)}`;
const code = (citizen: string, issuedAt: number, over: Partial<NewActivationCode> = {}) => ({
  id: `act_${randomToken(cryptoRandom)}`,
  citizenId: citizen,
  digest: randomToken(cryptoRandom, 256),
  delivery: "letter" as const,
  issuedAt,
  expiresAt: issuedAt + 90 * DAY,
  ...over,
});
const event = (citizen: string, at: number, name: "password.activated" | "password.cancelled") => ({
  actor: "citizen" as const,
  event: name,
  at,
  citizenId: citizen,
});

export function credentialStoreContract(
  name: string,
  make: () => { credentials: CredentialStore; audit: AuditLog },
) {
  describe(`CredentialStore contract: ${name}`, () => {
    it("stores, replaces and deletes a password, with its audit rows", async () => {
      const { credentials, audit } = make();
      const id = citizenId();
      expect(await credentials.password(id)).toBeNull();
      const first = { citizenId: id, hash: "$argon2id$first", setAt: 1000, expiresAt: 2000 };
      await credentials.setPassword(first, [event(id, 1000, "password.activated")]);
      expect(await credentials.password(id)).toEqual(first);
      const second = { ...first, hash: "$argon2id$second", setAt: 3000, expiresAt: 4000 };
      await credentials.setPassword(second, []);
      expect(await credentials.password(id)).toEqual(second);
      await credentials.rehashPassword(id, "$argon2id$first", "$argon2id$stale", 5000);
      expect((await credentials.password(id))?.hash).toBe("$argon2id$second");
      await credentials.rehashPassword(id, "$argon2id$second", "$argon2id$rehashed", 5000);
      expect((await credentials.password(id))?.hash).toBe("$argon2id$rehashed");
      expect(await credentials.deletePassword(id, [event(id, 6000, "password.cancelled")])).toBe(
        true,
      );
      expect(await credentials.deletePassword(id, [event(id, 7000, "password.cancelled")])).toBe(
        false,
      );
      expect(await credentials.password(id)).toBeNull();
      // The second delete found nothing, so it wrote no audit row either.
      const events = (await audit.list({ citizenId: id })).map((e) => e.event);
      expect(events.sort()).toEqual(["password.activated", "password.cancelled"]);
    });

    it("keeps one live activation code per citizen: a new one revokes the old", async () => {
      const { credentials } = make();
      const id = citizenId();
      const old = code(id, 1000);
      await credentials.issueActivationCode(old, []);
      expect(await credentials.liveActivationCode(id, 2000, MAX)).toMatchObject({ id: old.id });
      const fresh = code(id, 3000);
      await credentials.issueActivationCode(fresh, []);
      expect(await credentials.liveActivationCode(id, 4000, MAX)).toMatchObject({
        id: fresh.id,
        failures: 0,
        usedAt: null,
        revokedAt: null,
      });
      expect(await credentials.reserveActivationTry(old.id, 4000, MAX)).toBe(false);
    });

    it("counts tries before comparing, at most the limit however they race", async () => {
      const { credentials } = make();
      const id = citizenId();
      const issued = code(id, 1000);
      await credentials.issueActivationCode(issued, []);
      const tries = await Promise.all(
        Array.from({ length: 12 }, () => credentials.reserveActivationTry(issued.id, 2000, MAX)),
      );
      expect(tries.filter(Boolean)).toHaveLength(MAX);
      expect(await credentials.liveActivationCode(id, 2000, MAX)).toBeNull();
    });

    it("gives back the try of a right entry", async () => {
      const { credentials } = make();
      const id = citizenId();
      const issued = code(id, 1000);
      await credentials.issueActivationCode(issued, []);
      for (let i = 0; i < MAX; i++) {
        expect(await credentials.reserveActivationTry(issued.id, 2000, MAX)).toBe(true);
        await credentials.releaseActivationTry(issued.id);
      }
      expect(await credentials.liveActivationCode(id, 2000, MAX)).toMatchObject({ failures: 0 });
    });

    it("expires a code by its timestamp", async () => {
      const { credentials } = make();
      const id = citizenId();
      const issued = code(id, 1000);
      await credentials.issueActivationCode(issued, []);
      expect(await credentials.liveActivationCode(id, issued.expiresAt, MAX)).toBeNull();
      expect(await credentials.reserveActivationTry(issued.id, issued.expiresAt, MAX)).toBe(false);
    });

    it("consumes a code only together with the password, once, however they race", async () => {
      const { credentials, audit } = make();
      const id = citizenId();
      const issued = code(id, 1000);
      await credentials.issueActivationCode(issued, []);
      const attempt = (hash: string) =>
        credentials.setPassword(
          { citizenId: id, hash, setAt: 2000, expiresAt: 3000 },
          [event(id, 2000, "password.activated")],
          { codeId: issued.id, now: 2000, maxTries: MAX },
        );
      const results = await Promise.all([
        attempt("$a$one"),
        attempt("$a$two"),
        attempt("$a$three"),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ["$a$one", "$a$two", "$a$three"][results.indexOf(true)];
      expect((await credentials.password(id))?.hash).toBe(winner);
      expect(await credentials.liveActivationCode(id, 2000, MAX)).toBeNull();
      const events = (await audit.list({ citizenId: id })).map((e) => e.event);
      expect(events).toEqual(["password.activated"]);
    });

    it("refuses to set a password with a code that is not live, and writes nothing", async () => {
      const { credentials, audit } = make();
      const id = citizenId();
      const issued = code(id, 1000);
      await credentials.issueActivationCode(issued, []);
      const stored = await credentials.setPassword(
        { citizenId: id, hash: "$a$late", setAt: issued.expiresAt, expiresAt: 0 },
        [event(id, issued.expiresAt, "password.activated")],
        { codeId: issued.id, now: issued.expiresAt, maxTries: MAX },
      );
      expect(stored).toBe(false);
      expect(await credentials.password(id)).toBeNull();
      expect(await audit.list({ citizenId: id })).toEqual([]);
      // Another citizen's code cannot be consumed either.
      const other = citizenId();
      expect(
        await credentials.setPassword(
          { citizenId: other, hash: "$a$x", setAt: 2000, expiresAt: 3000 },
          [],
          { codeId: issued.id, now: 2000, maxTries: MAX },
        ),
      ).toBe(false);
    });
  });
}
