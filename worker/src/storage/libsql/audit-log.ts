/** The libSQL AuditLog: inserts only (the table's triggers refuse updates and deletes). */
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { AuditEntry, AuditEvent, AuditLog } from "../audit-log.ts";
import { auditLog } from "./schema.ts";
import type { AccountsDatabase } from "./transport.ts";

export const auditRow = (e: AuditEvent): typeof auditLog.$inferInsert => ({
  at: e.at,
  event: e.event,
  actor: e.actor,
  citizenId: e.citizenId,
  loginId: e.loginId ?? null,
  ip: e.ip ?? null,
  userAgent: e.userAgent ?? null,
  detail: e.detail ?? null,
});

export class LibsqlAuditLog implements AuditLog {
  readonly #db: AccountsDatabase;

  constructor(db: AccountsDatabase) {
    this.#db = db;
  }

  async append(...events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#db.insert(auditLog).values(events.map(auditRow));
  }

  async list(filter: {
    citizenId?: string;
    loginId?: string;
    limit?: number;
  }): Promise<AuditEntry[]> {
    const where: SQL[] = [];
    if (filter.citizenId) where.push(eq(auditLog.citizenId, filter.citizenId));
    if (filter.loginId) where.push(eq(auditLog.loginId, filter.loginId));
    const rows = await this.#db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(Math.min(filter.limit ?? 100, 1000));
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      event: r.event as AuditEntry["event"],
      actor: r.actor,
      citizenId: r.citizenId,
      loginId: r.loginId,
      ip: r.ip,
      userAgent: r.userAgent,
      ...(r.detail ? { detail: r.detail as AuditEntry["detail"] & object } : {}),
    }));
  }
}
