/**
 * LoginObject: one Durable Object per login transaction. It serialises and persists the
 * transaction; the rules live in login/login-transaction.ts. As in CitizenObject, each method
 * decides and writes synchronously, so a transaction can be authenticated only once.
 */
import { DurableObject } from "cloudflare:workers";
import { configFrom } from "../config.ts";
import type { Env } from "../env.ts";
import {
  type Authentication,
  authenticate,
  type LoginPolicy,
  type LoginTransaction,
  pinTarget,
  requestPin,
  startLogin,
} from "../login/login-transaction.ts";

const TX_KEY = "tx";
/** Keep a finished or abandoned transaction this long past its expiry for support lookups. */
const RETENTION_MS = 3_600_000;

export class LoginObject extends DurableObject<Env> {
  private policy(): LoginPolicy {
    return configFrom(this.env).pin;
  }

  private save(tx: LoginTransaction): void {
    this.ctx.storage.kv.put(TX_KEY, tx);
  }

  /** Creates the transaction; a second call for the same id is refused. */
  start(input: { id: string; now: number; ttlMs: number }): LoginTransaction | null {
    if (this.ctx.storage.kv.get(TX_KEY)) return null;
    const tx = startLogin(input.id, input.now, input.ttlMs);
    this.save(tx);
    void this.ctx.storage.setAlarm(tx.expiresAt + RETENTION_MS);
    return tx;
  }

  get(): LoginTransaction | null {
    return this.ctx.storage.kv.get<LoginTransaction>(TX_KEY) ?? null;
  }

  requestPin(input: Parameters<typeof requestPin>[1]) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "login_not_found" as const };
    const result = requestPin(tx, input, this.policy());
    if (result.ok) this.save(result.tx);
    return result;
  }

  pinTarget(now: number) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "login_not_found" as const };
    return pinTarget(tx, now);
  }

  authenticate(auth: Authentication, now: number) {
    const tx = this.get();
    if (!tx) return { ok: false as const, reason: "login_not_found" as const };
    const result = authenticate(tx, auth, now);
    if (result.ok) this.save(result.tx);
    return result;
  }

  /** Cleanup only: the transaction is long past its expiry. */
  override async alarm(): Promise<void> {
    const tx = this.get();
    if (tx && Date.now() < tx.expiresAt + RETENTION_MS) {
      await this.ctx.storage.setAlarm(tx.expiresAt + RETENTION_MS);
      return;
    }
    await this.ctx.storage.deleteAll();
  }
}
