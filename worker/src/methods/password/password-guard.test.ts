/**
 * The password guard's rules (SECURITY.md "Passwords", "One-time secrets"): every attempt is
 * counted before it is hashed, so racing attempts never compare more than `maxFailures`
 * guesses before a pause; a pause ends by itself, doubling up to a ceiling; password failures
 * feed the account-wide counter with its back-off and hard stop, which decay.
 */
import { describe, expect, it } from "vitest";
import { type CitizenPinState, emptyPinState } from "../pin/pin-challenge.ts";
import {
  emptyGuard,
  type GuardPolicy,
  type PasswordGuard,
  type ReserveResult,
  reserveTry,
  settleTry,
} from "./password-guard.ts";

const policy: GuardPolicy = {
  maxFailures: 5,
  pauseMs: 900_000,
  pauseMaxMs: 86_400_000,
  account: {
    ttlMs: 600_000,
    maxTries: 5,
    maxSendsPerHour: 10,
    failures: {
      backoffAfter: 10,
      backoffBaseMs: 30_000,
      backoffMaxMs: 3_600_000,
      hardStop: 100,
      decayMs: 86_400_000,
    },
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
      "paused",
      "paused",
      "paused",
      "paused",
      "paused",
    ]);
    expect(state.guard.consecutive).toBe(5);
    expect(state.account.failures.consecutive).toBe(5);
  });

  it("5 consecutive failures pause it; the pause is given before any counting", () => {
    const state = fresh();
    for (let i = 0; i < 5; i++) {
      reserve(state);
      settle(state, false);
    }
    const before = structuredClone(state);
    expect(reserve(state)).toEqual({ outcome: "paused", until: T0 + 900_000 });
    expect(state).toEqual(before);
  });

  it("a pause ends by itself: 15 minutes after the 5th failure, doubling, at most a day", () => {
    const state = fresh();
    for (let i = 0; i < 5; i++) {
      reserve(state);
      settle(state, false);
    }
    expect(reserve(state, T0 + 1)).toEqual({ outcome: "paused", until: T0 + 900_000 });
    let now = T0 + 900_000;
    const pauses: number[] = [];
    for (let i = 0; i < 9; i++) {
      expect(reserve(state, now).outcome).toBe("reserved");
      settle(state, false, now);
      const paused = reserve(state, now + 1);
      if (paused.outcome !== "paused") throw new Error(paused.outcome);
      pauses.push((paused.until - now) / 60_000);
      now = paused.until;
    }
    expect(pauses).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
    state.guard = emptyGuard(); // what resetPasswordGuard leaves after an activation
    expect(reserve(state, now)).toMatchObject({ outcome: "reserved", triesLeft: 4 });
  });

  it("old failures decay: a day without one forgives one, a long quiet forgives all", () => {
    const state = fresh();
    for (let i = 0; i < 4; i++) {
      reserve(state);
      settle(state, false);
    }
    expect(reserve(state, T0 + 86_400_000)).toMatchObject({ triesLeft: 1 });
    settle(state, false, T0 + 86_400_000);
    expect(reserve(state, T0 + YEAR)).toMatchObject({ outcome: "reserved", triesLeft: 4 });
  });

  it("a guard stored as blocked before pauses existed is paused from its block", () => {
    const state: State = { ...fresh(), guard: { consecutive: 5, blockedAt: T0 } };
    expect(reserve(state, T0 + 1)).toEqual({ outcome: "paused", until: T0 + 900_000 });
    expect(reserve(state, T0 + 900_000).outcome).toBe("reserved");
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
    const until = T0 + 86_400_000;
    expect(settle(state, false).lockedUntil).toBe(until);
    expect(reserve(state, until - 1)).toEqual({ outcome: "locked", until });
    // Locked wins over paused: the citizen is told about the account, not the password.
    const both: State = {
      ...withAccountFailures(100, T0),
      guard: { consecutive: 5, lastFailureAt: T0, blockedAt: T0 },
    };
    expect(reserve(both)).toEqual({ outcome: "locked", until });
    // …and the stop lifts by itself a day after the last failure.
    expect(reserve(state, until).outcome).toBe("reserved");
  });

  it("a wrong password below the hard stop does not report a lock", () => {
    const state = withAccountFailures(50, T0 - 2 * 3_600_000);
    reserve(state);
    expect(settle(state, false)).toMatchObject({ blockedNow: false, lockedUntil: null });
  });
});
