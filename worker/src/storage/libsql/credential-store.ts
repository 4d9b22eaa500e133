/**
 * The libSQL CredentialStore: `passwords` and `activation_codes`. Conditions that decide
 * whether a code may be tried or consumed are in the UPDATE's WHERE clause, so the database
 * applies them atomically however many requests race.
 */
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { AuditEvent } from "../audit-log.ts";
import type {
  ActivationCode,
  CredentialStore,
  NewActivationCode,
  PasswordRecord,
} from "../credential-store.ts";
import { auditRow, auditRowWhere } from "./audit-log.ts";
import { activationCodes, auditLog, passwords } from "./schema.ts";
import type { AccountsDatabase } from "./transport.ts";

const live = (now: number, maxTries: number) =>
  and(
    isNull(activationCodes.usedAt),
    isNull(activationCodes.revokedAt),
    gt(activationCodes.expiresAt, now),
    lt(activationCodes.failures, maxTries),
  );

const UPSERT = sql`ON CONFLICT (citizen_id) DO UPDATE SET hash = excluded.hash,
  set_at = excluded.set_at, expires_at = excluded.expires_at, updated_at = excluded.updated_at`;

/** An audit row written only if the statement before it changed a row (see setPassword). */
const afterChange = (e: AuditEvent) => auditRowWhere(e, sql`changes() = 1`);

export class LibsqlCredentialStore implements CredentialStore {
  readonly #db: AccountsDatabase;

  constructor(db: AccountsDatabase) {
    this.#db = db;
  }

  #audit(events: AuditEvent[]) {
    return events.map((e) => this.#db.insert(auditLog).values(auditRow(e)));
  }

  async password(citizenId: string): Promise<PasswordRecord | null> {
    const rows = await this.#db
      .select({
        citizenId: passwords.citizenId,
        hash: passwords.hash,
        setAt: passwords.setAt,
        expiresAt: passwords.expiresAt,
      })
      .from(passwords)
      .where(eq(passwords.citizenId, citizenId))
      .limit(1);
    return rows[0] ?? null;
  }

  async setPassword(
    record: PasswordRecord,
    audit: AuditEvent[],
    consume?: { codeId: string; now: number; maxTries: number },
  ): Promise<boolean> {
    const { citizenId, hash, setAt, expiresAt } = record;
    if (!consume) {
      await this.#db.batch([
        this.#db.run(sql`INSERT INTO passwords (citizen_id, hash, set_at, expires_at, updated_at)
          VALUES (${citizenId}, ${hash}, ${setAt}, ${expiresAt}, ${setAt}) ${UPSERT}`),
        ...this.#audit(audit),
      ]);
      return true;
    }
    // One transaction: the code is consumed only if it is still live, and the password and the
    // audit rows are written only if it was (each statement reads `changes()` of the one
    // before), so a code is never spent without a password, nor a password set twice by it.
    const [used] = await this.#db.batch([
      this.#db
        .update(activationCodes)
        .set({ usedAt: consume.now })
        .where(
          and(
            eq(activationCodes.id, consume.codeId),
            eq(activationCodes.citizenId, citizenId),
            live(consume.now, consume.maxTries),
          ),
        )
        .returning({ id: activationCodes.id }),
      this.#db.run(sql`INSERT INTO passwords (citizen_id, hash, set_at, expires_at, updated_at)
        SELECT ${citizenId}, ${hash}, ${setAt}, ${expiresAt}, ${setAt} WHERE changes() = 1 ${UPSERT}`),
      ...audit.map((e) => this.#db.run(afterChange(e))),
    ]);
    return used.length === 1;
  }

  async rehashPassword(citizenId: string, previous: string, hash: string, now: number) {
    await this.#db
      .update(passwords)
      .set({ hash, updatedAt: now })
      .where(and(eq(passwords.citizenId, citizenId), eq(passwords.hash, previous)));
  }

  async deletePassword(citizenId: string, audit: AuditEvent[]): Promise<boolean> {
    const [deleted] = await this.#db.batch([
      this.#db
        .delete(passwords)
        .where(eq(passwords.citizenId, citizenId))
        .returning({ id: passwords.citizenId }),
      ...audit.map((e) => this.#db.run(afterChange(e))),
    ]);
    return deleted.length === 1;
  }

  async issueActivationCode(code: NewActivationCode, audit: AuditEvent[]): Promise<void> {
    await this.#db.batch([
      this.#db
        .update(activationCodes)
        .set({ revokedAt: code.issuedAt })
        .where(
          and(
            eq(activationCodes.citizenId, code.citizenId),
            isNull(activationCodes.usedAt),
            isNull(activationCodes.revokedAt),
          ),
        ),
      this.#db.insert(activationCodes).values({ ...code, failures: 0 }),
      ...this.#audit(audit),
    ]);
  }

  async liveActivationCode(
    citizenId: string,
    now: number,
    maxTries: number,
  ): Promise<ActivationCode | null> {
    const rows = await this.#db
      .select()
      .from(activationCodes)
      .where(and(eq(activationCodes.citizenId, citizenId), live(now, maxTries)))
      .orderBy(desc(activationCodes.issuedAt))
      .limit(1);
    return rows[0] ?? null;
  }

  async reserveActivationTry(codeId: string, now: number, maxTries: number): Promise<boolean> {
    const [rows] = await this.#db.batch([
      this.#db
        .update(activationCodes)
        .set({ failures: sql`${activationCodes.failures} + 1` })
        .where(and(eq(activationCodes.id, codeId), live(now, maxTries)))
        .returning({ id: activationCodes.id }),
    ]);
    return rows.length > 0;
  }

  async releaseActivationTry(codeId: string): Promise<void> {
    await this.#db
      .update(activationCodes)
      .set({ failures: sql`max(${activationCodes.failures} - 1, 0)` })
      .where(eq(activationCodes.id, codeId));
  }
}
