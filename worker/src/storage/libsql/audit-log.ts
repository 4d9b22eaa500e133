/** The libSQL AuditLog: inserts only (the table's triggers refuse updates and deletes). */
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { AuditEntry, AuditEvent, AuditLog } from "../audit-log.ts";
import { auditLog } from "./schema.ts";
import type { AccountsDatabase, SqlTransport } from "./transport.ts";

/**
 * The insert, written out: audit events are appended on hot paths (every token, every PIN),
 * and drizzle's query builder took longer to build a multi-row insert than the database took
 * to run it. The column list follows schema.ts; the contract suite reads every field back.
 */
const INSERT =
  "INSERT INTO audit_log (at, event, actor, citizen_id, login_id, ip, user_agent, detail) VALUES ";
const ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";

const rowParams = (e: AuditEvent): unknown[] => [
  e.at,
  e.event,
  e.actor,
  e.citizenId,
  e.loginId ?? null,
  e.ip ?? null,
  e.userAgent ?? null,
  e.detail ? JSON.stringify(e.detail) : null,
];

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

/**
 * An audit row inserted only when `condition` holds when it runs, inside a batch: e.g.
 * `changes() = 1` (the statement before it changed a row), so that an event is recorded
 * exactly when the change it records happened.
 */
export const auditRowWhere = (e: AuditEvent, condition: SQL) => {
  const r = auditRow(e);
  const detail = r.detail ? JSON.stringify(r.detail) : null;
  return sql`INSERT INTO audit_log (at, event, actor, citizen_id, login_id, ip, user_agent, detail)
    SELECT ${r.at}, ${r.event}, ${r.actor}, ${r.citizenId}, ${r.loginId}, ${r.ip}, ${r.userAgent},
    ${detail} WHERE ${condition}`;
};

export class LibsqlAuditLog implements AuditLog {
  readonly #db: AccountsDatabase;
  readonly #sql: SqlTransport;

  constructor(db: AccountsDatabase, sql: SqlTransport) {
    this.#db = db;
    this.#sql = sql;
  }

  async append(...events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#sql.query({
      sql: INSERT + events.map(() => ROW).join(", "),
      params: events.flatMap(rowParams),
      method: "run",
    });
  }

  appendLater(keepAlive: (write: Promise<void>) => void, ...events: AuditEvent[]): void {
    keepAlive(this.append(...events));
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
