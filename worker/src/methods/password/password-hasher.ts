/**
 * The password hasher of one isolate: Argon2id under the pepper at the configured parameters
 * (password-hash.ts), behind a gate that bounds how many hashes run at once, so that a burst
 * of logins cannot take the isolate past its memory limit (each hash holds `m` KiB).
 *
 * Built once in createApp, so the bound is per isolate, as the memory is.
 */
import type { Config } from "../../config.ts";
import type { Random } from "../../crypto/random.ts";
import { createHashGate } from "./hash-gate.ts";
import { dummyHash, hashPassword, verifyPassword } from "./password-hash.ts";

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /**
   * Checks `password` against a stored hash, or against a dummy with the same cost when there
   * is none (unknown citizen, no password), so both take the same time and both fail.
   */
  verify(stored: string | null, password: string): Promise<{ ok: boolean; rehash: boolean }>;
};

export function passwordHasher(config: Config["password"], random: Random): PasswordHasher {
  const pepper = new TextEncoder().encode(config.pepper);
  const gate = createHashGate({ concurrency: config.hashConcurrency, queue: config.hashQueue });
  const dummy = dummyHash(config.argon2);
  return {
    hash: (password) => gate.run(() => hashPassword(password, pepper, config.argon2, random)),
    async verify(stored, password) {
      const result = await gate.run(() =>
        verifyPassword(stored ?? dummy, password, pepper, config.argon2),
      );
      return stored === null ? { ok: false, rehash: false } : result;
    },
  };
}
