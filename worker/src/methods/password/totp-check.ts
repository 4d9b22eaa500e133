/**
 * The check of an app code (totp.ts) as a pure transition over the citizen's state, which the
 * CitizenObject loads, applies and saves in one synchronous step:
 *
 *  - the account-wide counter the PIN method keeps (pin-challenge.ts) comes first: a locked
 *    account or one in back-off compares nothing, so it gives no oracle on the code;
 *  - a code that matches a step after the last accepted one is accepted: that step becomes
 *    the last accepted, and the counter is cleared, as a right SMS code clears it;
 *  - a code that matches only steps already used is a replay (RFC 6238 §5.2: a verifier must
 *    not accept an OTP twice). It is refused and not counted: it proves the same possession
 *    once more, and guessing one is as hard as guessing a fresh code;
 *  - anything else is a wrong code and counts, as a wrong SMS code does: back-off, hard stop.
 *
 * A TOTP has no tries of its own (every 30 s brings a new one), so the account-wide counter is
 * the only limit. The last accepted step is kept only while a code of it could still be in
 * the window: after that no candidate can reach back to it.
 */
import { constantTimeEqual } from "../../crypto/constant-time.ts";
import {
  backoffUntil,
  type CitizenPinState,
  lockedUntil,
  NO_FAILURES,
  type PinPolicy,
  withFailure,
} from "../pin/pin-challenge.ts";
import { TOTP_PARAMS, TOTP_WINDOW, type TotpCandidate } from "./totp.ts";

/** The last step accepted for the citizen, and until when it matters. */
export type TotpReplayState = { lastStep: number; keepUntil: number };

export type TotpCheckInput = {
  /** What the citizen typed (6 digits). */
  code: string;
  /** The codes of the citizen's active devices within the window (totpCandidates). */
  candidates: TotpCandidate[];
  now: number;
};

export type TotpCheckResult =
  | {
      outcome: "verified";
      step: number;
      /** The device whose code it was. */
      deviceId: string;
      account: CitizenPinState;
      replay: TotpReplayState;
    }
  | {
      outcome: "wrong_code";
      account: CitizenPinState;
      /** True when this failure reached the account-wide hard stop. */
      lockedNow: boolean;
    }
  | { outcome: "replayed" }
  | { outcome: "backoff"; retryAt: number }
  | { outcome: "locked"; until: number };

/** When the step can no longer be matched by any code the window allows. */
export const forgetStepAt = (step: number): number =>
  (step + TOTP_WINDOW + 1) * TOTP_PARAMS.period * 1000;

export function checkTotp(
  account: CitizenPinState,
  replay: TotpReplayState | null,
  input: TotpCheckInput,
  policy: PinPolicy,
): TotpCheckResult {
  const until = lockedUntil(account.failures, input.now, policy);
  if (until !== null) return { outcome: "locked", until };
  const retryAt = backoffUntil(account.failures, input.now, policy);
  if (retryAt !== null && input.now < retryAt) return { outcome: "backoff", retryAt };

  const last = replay && input.now < replay.keepUntil ? replay.lastStep : null;
  let fresh: TotpCandidate | null = null;
  let used = false;
  // Every candidate is compared, in constant time, whatever matched before it.
  for (const candidate of input.candidates) {
    if (!constantTimeEqual(candidate.code, input.code)) continue;
    if (last !== null && candidate.step <= last) used = true;
    else if (!fresh || candidate.step > fresh.step) fresh = candidate;
  }
  if (fresh) {
    return {
      outcome: "verified",
      step: fresh.step,
      deviceId: fresh.deviceId,
      account: { ...account, failures: NO_FAILURES },
      replay: { lastStep: fresh.step, keepUntil: forgetStepAt(fresh.step) },
    };
  }
  if (used) return { outcome: "replayed" };
  const failures = withFailure(account.failures, input.now, policy.failures);
  return {
    outcome: "wrong_code",
    account: { ...account, failures },
    lockedNow: failures.consecutive >= policy.failures.hardStop,
  };
}
