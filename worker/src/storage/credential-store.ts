/**
 * CredentialStore: the port for citizens' long-lived credentials in the accounts database —
 * the permanent password's hash and activation codes (methods/password/). Every write that
 * changes a credential goes in one atomic batch with its audit events.
 *
 * Failure counting for passwords is not here: it lives in the citizen's Durable Object, which
 * counts an attempt before the hash is computed. Activation codes count their own wrong
 * entries here, with conditional updates, because a code outlives any login transaction.
 */
import type { AuditEvent } from "./audit-log.ts";

export type PasswordRecord = {
  citizenId: string;
  /** Argon2id PHC string (methods/password/password-hash.ts). */
  hash: string;
  setAt: number;
  expiresAt: number;
};

export type ActivationDelivery = "sms" | "letter";

export type ActivationCode = {
  id: string;
  citizenId: string;
  /** HMAC-SHA256 of the normalised code under PASSWORD_PEPPER. */
  digest: string;
  delivery: ActivationDelivery;
  issuedAt: number;
  expiresAt: number;
  failures: number;
  usedAt: number | null;
  revokedAt: number | null;
};

export type NewActivationCode = Omit<ActivationCode, "failures" | "usedAt" | "revokedAt">;

export interface CredentialStore {
  password(citizenId: string): Promise<PasswordRecord | null>;
  /**
   * Sets or replaces the citizen's password. With `consume`, the activation code is marked used
   * in the same batch, and only if it is still live: false (nothing written) otherwise.
   */
  setPassword(
    record: PasswordRecord,
    audit: AuditEvent[],
    consume?: { codeId: string; now: number; maxTries: number },
  ): Promise<boolean>;
  /** Replaces the hash only if it is still `previous` (rehash on login with new parameters). */
  rehashPassword(citizenId: string, previous: string, hash: string, now: number): Promise<void>;
  /** Cancels the password; false when there was none. */
  deletePassword(citizenId: string, audit: AuditEvent[]): Promise<boolean>;

  /** Stores a new code and revokes every other live code of the citizen, in one batch. */
  issueActivationCode(code: NewActivationCode, audit: AuditEvent[]): Promise<void>;
  /** The newest code that is unused, unrevoked, unexpired and not blocked, if any. */
  liveActivationCode(
    citizenId: string,
    now: number,
    maxTries: number,
  ): Promise<ActivationCode | null>;
  /**
   * Counts one entry against a live code before it is compared. False when the code can no
   * longer be tried (used, revoked, expired, or its tries are spent): then nothing is compared.
   */
  reserveActivationTry(codeId: string, now: number, maxTries: number): Promise<boolean>;
  /** A correct entry does not count: gives back the try reserved for it. */
  releaseActivationTry(codeId: string): Promise<void>;
}
