/**
 * The libSQL DeviceStore: `devices`. Registering a device and revoking the ones it replaces
 * is one transaction, and the audit rows are written by the same statements' conditions, so
 * a device is never active without its record of activation, nor revoked without one.
 */
import { and, desc, eq, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { AuditEvent } from "../audit-log.ts";
import type { Device, DeviceStore, NewDevice, RevokeReason, SealedTotp } from "../device-store.ts";
import { auditRow, auditRowWhere } from "./audit-log.ts";
import { auditLog, devices } from "./schema.ts";
import type { AccountsDatabase } from "./transport.ts";

/** A use is written at most this often per device. */
const TOUCH_EVERY_MS = 60_000;

type Row = typeof devices.$inferSelect;
/** The sealed seed and the cancel digest stay in their columns: only matched, never shown. */
const toDevice = ({ totpSecret: _, cancelDigest: __, ...row }: Row): Device => row as Device;

export class LibsqlDeviceStore implements DeviceStore {
  readonly #db: AccountsDatabase;

  constructor(db: AccountsDatabase) {
    this.#db = db;
  }

  async register(
    device: NewDevice,
    options: { maxActive: number; audit: AuditEvent[] },
  ): Promise<{ device: Device; revoked: Device[] } | null> {
    const { id, citizenId, createdAt } = device;
    const inserted = sql`EXISTS (SELECT 1 FROM devices WHERE id = ${id})`;
    const context = auditRow(
      options.audit[0] ?? {
        event: "mobile.device_revoked",
        at: createdAt,
        actor: "citizen",
        citizenId,
      },
    );
    const [added, revoked] = await this.#db.batch([
      this.#db
        .insert(devices)
        .values({
          ...device,
          status: "active",
          lastUsedAt: null,
          revokedAt: null,
          revokedReason: null,
        })
        .onConflictDoNothing({ target: devices.thumbprint })
        .returning(),
      // The new device and the newest `maxActive - 1` others stay; older ones go.
      this.#db
        .update(devices)
        .set({ status: "revoked", revokedAt: createdAt, revokedReason: "replaced" })
        .where(
          and(
            eq(devices.citizenId, citizenId),
            eq(devices.status, "active"),
            ne(devices.id, id),
            inserted,
            sql`${devices.id} NOT IN (SELECT id FROM devices WHERE citizen_id = ${citizenId}
              AND status = 'active' AND id != ${id} ORDER BY created_at DESC, rowid DESC
              LIMIT ${options.maxActive - 1})`,
          ),
        )
        .returning(),
      this.#db.run(sql`INSERT INTO audit_log (at, event, actor, citizen_id, login_id, ip, user_agent, detail)
        SELECT ${createdAt}, 'mobile.device_revoked', ${context.actor}, citizen_id, ${context.loginId},
        ${context.ip}, ${context.userAgent}, json_object('deviceId', id, 'reason', 'replaced', 'by', ${id})
        FROM devices WHERE citizen_id = ${citizenId} AND revoked_at = ${createdAt}
        AND revoked_reason = 'replaced' AND ${inserted}`),
      ...options.audit.map((e) => this.#db.run(auditRowWhere(e, inserted))),
    ]);
    const [row] = added;
    if (!row) return null;
    return { device: toDevice(row), revoked: revoked.map(toDevice) };
  }

  async totpSecrets(citizenId: string): Promise<SealedTotp[]> {
    const rows = await this.#db
      .select({ deviceId: devices.id, sealed: devices.totpSecret, waitEndsAt: devices.waitEndsAt })
      .from(devices)
      .where(
        and(
          eq(devices.citizenId, citizenId),
          eq(devices.status, "active"),
          isNotNull(devices.totpSecret),
        ),
      );
    return rows.flatMap(({ sealed, ...r }) => (sealed ? [{ ...r, sealed }] : []));
  }

  async byThumbprint(thumbprint: string): Promise<Device | null> {
    const rows = await this.#db
      .select()
      .from(devices)
      .where(eq(devices.thumbprint, thumbprint))
      .limit(1);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async list(citizenId: string): Promise<Device[]> {
    const rows = await this.#db
      .select()
      .from(devices)
      .where(eq(devices.citizenId, citizenId))
      // Insertion order breaks ties: two devices can be registered in one millisecond.
      .orderBy(desc(devices.createdAt), desc(sql`rowid`));
    return rows.map(toDevice);
  }

  async rename(
    citizenId: string,
    id: string,
    name: string,
    audit: AuditEvent[],
  ): Promise<Device | null> {
    const [rows] = await this.#db.batch([
      this.#db
        .update(devices)
        .set({ name })
        .where(and(eq(devices.id, id), eq(devices.citizenId, citizenId)))
        .returning(),
      ...audit.map((e) => this.#db.insert(auditLog).values(auditRow(e))),
    ]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async revoke(
    citizenId: string,
    id: string,
    input: { now: number; reason: RevokeReason; audit: AuditEvent[] },
  ): Promise<Device | null> {
    const [rows] = await this.#db.batch([
      this.#db
        .update(devices)
        .set({ status: "revoked", revokedAt: input.now, revokedReason: input.reason })
        .where(
          and(eq(devices.id, id), eq(devices.citizenId, citizenId), eq(devices.status, "active")),
        )
        .returning(),
      ...input.audit.map((e) => this.#db.run(auditRowWhere(e, sql`changes() = 1`))),
    ]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async byCancelDigest(digest: string): Promise<Device | null> {
    const rows = await this.#db
      .select()
      .from(devices)
      .where(and(eq(devices.cancelDigest, digest), eq(devices.status, "active")))
      .limit(1);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async cancel(
    digest: string,
    input: { now: number; audit: AuditEvent[] },
  ): Promise<Device | null> {
    // One statement decides: of two requests with the same link, only one finds the digest.
    const [rows] = await this.#db.batch([
      this.#db
        .update(devices)
        .set({
          status: "revoked",
          revokedAt: input.now,
          revokedReason: "cancelled",
          cancelDigest: null,
        })
        .where(and(eq(devices.cancelDigest, digest), eq(devices.status, "active")))
        .returning(),
      ...input.audit.map((e) => this.#db.run(auditRowWhere(e, sql`changes() = 1`))),
    ]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.#db
      .update(devices)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(devices.id, id),
          or(isNull(devices.lastUsedAt), lt(devices.lastUsedAt, now - TOUCH_EVERY_MS)),
        ),
      );
  }
}
