/**
 * The password guard's rules (SECURITY.md "Passwords", "One-time secrets"): every attempt is
 * counted before it is hashed, so racing attempts never compare more than `maxFailures`
 * guesses; a block lasts until the password is set again; password failures feed the
 * account-wide counter with its back-off and hard stop.
 */
import { describe, expect, it } from "vitest";
import { type CitizenPinState, emptyPinState } from "../pin/pin-challenge.ts";
import {
  emptyGuard,
  type GuardPolicy,
  isBlocked,
  type PasswordGuard,
  type ReserveResult,
  reserveTry,
  settleTry,
} from "./password-guard.ts";

const policy: GuardPolicy = {
  maxFailures: 5,
  account: {
    ttlMs: 600_000,
    maxTries: 5,
    maxSendsPerHour: 10,
    failures: { backoffAfter: 10, backoffBaseMs: 30_000, backoffMaxMs: 3_600_000, hardStop: 100 },
  },
};
const T0 = 1_800_000_000_000;
const YEAR = 365 * 86_400_000;

type State = { guard: PasswordGuard; account: CitizenPinState };
const fresh = (): State => ({ guard: emptyGuard(), account: emptyPinState(false) });

/** Reserves a try and keeps the stored state, as the CitizenObject does. */
function reserve(state: State, now = T0): ReserveResult {
  const result = reserveTry(state.guard, state.account, now, policy);
  if (result.outcome === "reserved") {
    state.guard = result.guard;
    state.account = result.account;
  }
  return result;
}

/** Settles one reserved try and keeps the stored state. */
function settle(state: State, ok: boolean | null, now = T0) {
  const result = settleTry(state.guard, state.account, { ok, now }, policy);
  state.guard = result.guard;
  state.account = result.account;
  return result;
}

const withAccountFailures = (consecutive: number, lastFailureAt: number | null): State => ({
  guard: emptyGuard(),
  account: { ...emptyPinState(false), failures: { consecutive, lastFailureAt } },
});

describe("password guard", () => {
  it("counts an attempt as failed before it is compared", () => {
    const state = fresh();
    const result = reserve(state);
    expect(result).toMatchObject({ outcome: "reserved", triesLeft: 4 });
    expect(state.guard.consecutive).toBe(1);
    expect(state.account.failures).toEqual({ consecutive: 1, lastFailureAt: T0 });
  });

  it("racing attempts: at most 5 are ever reserved, whatever their outcome will be", () => {
    const state = fresh();
    const results = Array.from({ length: 10 }, () => reserve(state));
    expect(results.map((r) => (r.outcome === "reserved" ? r.triesLeft : r.outcome))).toEqual([
      4,
      3,
      2,
      1,
      0,
      "blocked",
      "blocked",
      "blocked",
      "blocked",
      "blocked",
    ]);
    expect(state.guard.consecutive).toBe(5);
    expect(state.account.failures.consecutive).toBe(5);
  });

  it("5 consecutive failures block it; the blocked answer is given before any counting", () => {
    const state = fresh();
    for (let i = 0; i < 5; i++) {
      reserve(state);
      settle(state, false);
    }
    expect(isBlocked(state.guard, policy)).toBe(true);
    const before = structuredClone(state);
    expect(reserve(state)).toEqual({ outcome: "blocked" });
    expect(state).toEqual(before);
  });

  it("a block does not wear off with time: only setting the password again lifts it", () => {
    const state = fresh();
    for (let i = 0; i < 5; i++) {
      reserve(state);
      settle(state, false);
    }
    expect(reserve(state, T0 + 10 * YEAR).outcome).toBe("blocked");
    state.guard = emptyGuard(); // what resetPasswordGuard leaves after an activation
    expect(reserve(state, T0 + 10 * YEAR)).toMatchObject({ outcome: "reserved", triesLeft: 4 });
  });

  it("tells the moment of blocking once, with its time", () => {
    const state = fresh();
    const blockedNow: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      reserve(state);
      blockedNow.push(settle(state, false, T0 + i).blockedNow);
    }
    expect(blockedNow).toEqual([false, false, false, false, true]);
    expect(state.guard.blockedAt).toBe(T0 + 4);
    // A late settle of a racing attempt does not announce the block a second time.
    expect(settle(state, false, T0 + 9).blockedNow).toBe(false);
    expect(state.guard.blockedAt).toBe(T0 + 4);
  });

  it("a right password clears its count and its own failures on the account-wide one", () => {
    const state = fresh();
    for (let i = 0; i < 4; i++) {
      reserve(state);
      settle(state, false);
    }
    reserve(state);
    settle(state, true);
    expect(state.guard).toEqual(emptyGuard());
    expect(state.account.failures).toEqual({ consecutive: 0, lastFailureAt: null });
    expect(reserve(state)).toMatchObject({ outcome: "reserved", triesLeft: 4 });
  });

  it("a right password leaves the failures of other secrets on the account-wide counter", () => {
    const state = fresh();
    state.account = { ...state.account, failures: { consecutive: 7, lastFailureAt: T0 } };
    reserve(state);
    settle(state, false);
    reserve(state);
    settle(state, true);
    expect(state.account.failures).toEqual({ consecutive: 7, lastFailureAt: T0 });
  });

  it("an attempt never compared (hashing gate full) gives its try back, on both counters", () => {
    const state = fresh();
    reserve(state);
    settle(state, false);
    reserve(state);
    settle(state, null);
    expect(state.guard.consecutive).toBe(1);
    expect(state.account.failures.consecutive).toBe(1);
    // …and never below zero, even after a reset in between.
    const empty = fresh();
    settle(empty, null);
    expect(empty.guard.consecutive).toBe(0);
    expect(empty.account.failures.consecutive).toBe(0);
  });

  it("wrong passwords feed the account-wide counter: back-off from its 10th failure", () => {
    const state = withAccountFailures(9, T0);
    expect(reserve(state).outcome).toBe("reserved");
    settle(state, false);
    expect(state.account.failures.consecutive).toBe(10);
    expect(reserve(state, T0 + 1)).toEqual({ outcome: "backoff", retryAt: T0 + 30_000 });
    expect(reserve(state, T0 + 30_000)).toMatchObject({ outcome: "reserved" });
  });

  it("the account-wide hard stop refuses before anything else, and is told once reached", () => {
    const state = withAccountFailures(99, T0 - 2 * 3_600_000);
    expect(reserve(state).outcome).toBe("reserved");
    expect(settle(state, false).lockedNow).toBe(true);
    expect(reserve(state, T0 + YEAR)).toEqual({ outcome: "locked" });
    // Locked wins over blocked: the citizen is told about the account, not the password.
    const both: State = {
      ...withAccountFailures(100, T0),
      guard: { consecutive: 5, blockedAt: T0 },
    };
    expect(reserve(both)).toEqual({ outcome: "locked" });
  });

  it("a wrong password below the hard stop does not report a lock", () => {
    const state = withAccountFailures(50, T0 - 2 * 3_600_000);
    reserve(state);
    expect(settle(state, false)).toMatchObject({ blockedNow: false, lockedNow: false });
  });
});
