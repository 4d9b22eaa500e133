/**
 * CitizenObject: one Durable Object per citizen (or per decoy standing in for an unknown
 * citizen). It serialises and persists the citizen's PIN state; the rules live in
 * methods/pin/pin-challenge.ts.
 *
 * Invariant: each method reads, decides and writes with synchronous storage calls and no
 * `await` in between, so two requests racing on one citizen are applied one after the other
 * and a PIN is consumed (or a failure counted) before anything else can observe it.
 */
import { DurableObject } from "cloudflare:workers";
import { configFrom } from "../config.ts";
import type { Env } from "../env.ts";
import {
  type CitizenPinState,
  emptyPinState,
  expire,
  type IssueInput,
  issuePin,
  nextCleanupAt,
  type PinPolicy,
  type VerifyInput,
  verifyPin,
} from "../methods/pin/pin-challenge.ts";

const PIN_KEY = "pin";

/** What callers learn from an issue or a verification; the stored state stays inside. */
export type IssueOutcome = DropState<ReturnType<typeof issuePin>>;
export type VerifyOutcome = DropState<ReturnType<typeof verifyPin>>;
type DropState<T> = T extends { state: CitizenPinState } ? Omit<T, "state"> : never;

export class CitizenObject extends DurableObject<Env> {
  private policy(): PinPolicy {
    const config = configFrom(this.env);
    return { ...config.pin, failures: config.failures };
  }

  private load(decoy = false): CitizenPinState {
    return this.ctx.storage.kv.get<CitizenPinState>(PIN_KEY) ?? emptyPinState(decoy);
  }

  private save(state: CitizenPinState): void {
    this.ctx.storage.kv.put(PIN_KEY, state);
    const cleanupAt = nextCleanupAt(state);
    if (cleanupAt !== null) void this.ctx.storage.setAlarm(cleanupAt);
  }

  /** Stores a new PIN digest for `loginId`, superseding any previous PIN. */
  issuePin(input: IssueInput & { decoy: boolean }): IssueOutcome {
    const { state, ...outcome } = issuePin(this.load(input.decoy), input, this.policy());
    this.save(state);
    return outcome;
  }

  /** Checks a PIN digest; consumes the PIN or counts the failure before returning. */
  verifyPin(input: VerifyInput): VerifyOutcome {
    const { state, ...outcome } = verifyPin(this.load(), input, this.policy());
    this.save(state);
    return outcome;
  }

  /** Test and operator visibility into counters (never digests). */
  failureCount(): number {
    return this.load().failures.consecutive;
  }

  /** Cleanup only: forgets what has expired. Safe to run any number of times. */
  override async alarm(): Promise<void> {
    const stored = this.ctx.storage.kv.get<CitizenPinState>(PIN_KEY);
    if (!stored) return;
    const next = expire(stored, Date.now());
    if (next === null) {
      await this.ctx.storage.deleteAll();
      return;
    }
    this.save(next);
  }
}
