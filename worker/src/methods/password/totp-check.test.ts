/**
 * The app code's check: the account-wide counter first, a step accepted once (and no older
 * step after it), a replay refused without counting, a wrong code counted toward back-off and
 * the hard stop, and the last step forgotten once no code can reach it.
 */
import { describe, expect, it } from "vitest";
import { type CitizenPinState, emptyPinState, type PinPolicy } from "../pin/pin-challenge.ts";
import type { TotpCandidate } from "./totp.ts";
import { checkTotp, forgetStepAt, type TotpReplayState } from "./totp-check.ts";

const policy: PinPolicy = {
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
};
const STEP = 60_000_000;
const now = STEP * 30_000 + 5_000;
const candidates: TotpCandidate[] = [
  { deviceId: "dev_a", step: STEP - 1, code: "111111" },
  { deviceId: "dev_a", step: STEP, code: "222222" },
  { deviceId: "dev_a", step: STEP + 1, code: "333333" },
];
const account = (consecutive = 0, lastFailureAt: number | null = null): CitizenPinState => ({
  ...emptyPinState(false),
  failures: { consecutive, lastFailureAt },
});
const check = (code: string, state = account(), replay: TotpReplayState | null = null) =>
  checkTotp(state, replay, { code, candidates, now }, policy);

describe("checkTotp", () => {
  it("accepts a code of the window, clears the counter and remembers its step", () => {
    const result = check("333333", account(4, now - 1000));
    expect(result).toMatchObject({
      outcome: "verified",
      step: STEP + 1,
      deviceId: "dev_a",
      replay: { lastStep: STEP + 1, keepUntil: forgetStepAt(STEP + 1) },
    });
    if (result.outcome === "verified") expect(result.account.failures.consecutive).toBe(0);
  });

  it("refuses the accepted step and older ones, uncounted; a newer one passes", () => {
    const replay = { lastStep: STEP, keepUntil: forgetStepAt(STEP) };
    expect(check("222222", account(), replay)).toEqual({ outcome: "replayed" });
    expect(check("111111", account(), replay)).toEqual({ outcome: "replayed" });
    expect(check("333333", account(), replay)).toMatchObject({ outcome: "verified" });
  });

  it("forgets the last step once no code of the window can reach it", () => {
    expect(forgetStepAt(STEP)).toBe((STEP + 2) * 30_000);
    const stale = { lastStep: STEP, keepUntil: now };
    expect(check("222222", account(), stale)).toMatchObject({ outcome: "verified" });
  });

  it("counts a wrong code, and its failure is the account-wide counter's", () => {
    const result = check("999999", account(3, now - 60_000));
    expect(result).toMatchObject({ outcome: "wrong_code", lockedNow: false });
    if (result.outcome === "wrong_code") {
      expect(result.account.failures).toEqual({ consecutive: 4, lastFailureAt: now });
    }
    expect(check("999999", account(99))).toMatchObject({ outcome: "wrong_code", lockedNow: true });
  });

  it("compares nothing in back-off or at the hard stop", () => {
    expect(check("222222", account(10, now - 1000))).toEqual({
      outcome: "backoff",
      retryAt: now - 1000 + 30_000,
    });
    expect(check("222222", account(10, now - 30_000))).toMatchObject({ outcome: "verified" });
    expect(check("222222", account(100, now - 1000))).toEqual({
      outcome: "locked",
      until: now - 1000 + 86_400_000,
    });
    // The stop lifts by itself a full decay period after the last failure.
    expect(check("222222", account(100, now - 86_400_000))).toMatchObject({
      outcome: "verified",
    });
  });
});
