/**
 * LimiterObject: one Durable Object per rate-limited key (e.g. the IP address a password
 * attempt comes from). It serialises and persists a fixed-window counter; the rule lives in
 * `hitWindow`. Like the other objects, it reads, decides and writes synchronously, so racing
 * requests are counted one after the other.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

const KEY = "window";

export type Window = { startedAt: number; count: number };
export type HitOutcome = { ok: true } | { ok: false; retryAt: number };

/** Counts a hit in the current window, or refuses it until the window ends. */
export function hitWindow(
  window: Window | null,
  input: { limit: number; windowMs: number; now: number },
): { window: Window; outcome: HitOutcome } {
  const current =
    window && input.now < window.startedAt + input.windowMs
      ? window
      : { startedAt: input.now, count: 0 };
  if (current.count >= input.limit) {
    return { window: current, outcome: { ok: false, retryAt: current.startedAt + input.windowMs } };
  }
  return { window: { ...current, count: current.count + 1 }, outcome: { ok: true } };
}

export class LimiterObject extends DurableObject<Env> {
  hit(input: { limit: number; windowMs: number; now: number }): HitOutcome {
    const stored = this.ctx.storage.kv.get<Window>(KEY) ?? null;
    const { window, outcome } = hitWindow(stored, input);
    this.ctx.storage.kv.put(KEY, window);
    void this.ctx.storage.setAlarm(window.startedAt + input.windowMs);
    return outcome;
  }

  /** Cleanup only: a window that has ended is forgotten. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
