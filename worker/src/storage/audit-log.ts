/**
 * AuditLog: the append-only record of what happened to whom (BRIEF.md "Operators … watch the
 * audit log"). Entries are never updated or deleted; the libSQL schema enforces that with
 * triggers, so not even a bug in an adapter can rewrite history.
 */
import type { AuditContext } from "./account-store.ts";

export type AuditEventName =
  | "citizen.registered"
  | "citizen.suspended"
  | "citizen.reinstated"
  | "citizen.level_changed"
  | "citizen.unlocked"
  | "pin.requested"
  | "pin.delivered"
  | "pin.delivery_failed"
  | "pin.refused"
  | "pin.verified"
  | "pin.failed"
  | "pin.locked"
  | "otp.sent"
  | "otp.refused"
  | "otp.delivery_failed"
  | "otp.verified"
  | "otp.failed"
  | "password.verified"
  | "password.failed"
  | "password.blocked"
  | "password.changed"
  | "password.activated"
  | "password.cancelled"
  | "password.rehashed"
  | "password.code_requested"
  | "mobile.activation_requested"
  | "mobile.device_activated"
  | "mobile.device_revoked"
  | "mobile.device_cancelled"
  | "mobile.device_renamed"
  | "mobile.qr_scanned"
  | "mobile.push_sent"
  | "mobile.push_refused"
  | "mobile.approved"
  | "mobile.declined"
  | "mobile.not_me"
  | "mobile.wrong_number"
  | "activation_code.issued"
  | "activation_code.failed"
  | "client.created"
  | "client.updated"
  | "client.disabled"
  | "client.secret_rotated"
  | "session.started"
  | "session.ended"
  | "oidc.authorized"
  | "oidc.tokens_issued"
  | "oidc.code_replayed"
  | "oidc.refresh_replayed"
  | "oidc.revoked"
  | "oidc.logout";

export type AuditEvent = AuditContext & {
  event: AuditEventName;
  at: number;
  citizenId: string | null;
  /** Extra facts: never secrets, never a PIN or its digest. */
  detail?: Record<string, string | number | boolean | null>;
};

export type AuditEntry = AuditEvent & { id: number };

export interface AuditLog {
  /** Resolves once the events are stored. */
  append(...events: AuditEvent[]): Promise<void>;
  /**
   * Appends without waiting, for a request that has answered already. `keepAlive` (the
   * request's `waitUntil`) gets the write that stores the events whenever this request must
   * stay alive for it to finish; a log that groups events may store them with the write of
   * another request that stays alive instead (bufferedAuditLog).
   */
  appendLater(keepAlive: (write: Promise<void>) => void, ...events: AuditEvent[]): void;
  /** Newest first. */
  list(filter: { citizenId?: string; loginId?: string; limit?: number }): Promise<AuditEntry[]>;
}
