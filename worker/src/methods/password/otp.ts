/**
 * The SMS one-time code of the password method (step-up and activation). It is the same kind
 * of one-time secret as a PIN — held by the CitizenObject's challenge machine with its expiry,
 * tries, send limits and account-wide counter — under its own purpose and digest domain, so a
 * PIN is never accepted as a code nor a code as a PIN.
 */
import type { Context } from "hono";
import { afterResponse, requester } from "../../api/request-context.ts";
import type { AppDeps } from "../../app.ts";
import { hmacSha256 } from "../../crypto/digest.ts";
import { randomToken } from "../../crypto/random.ts";
import type { Message } from "../../delivery/delivery.ts";
import { citizenTexts, type Texts } from "../../i18n/server-i18n.ts";
import type { IssueOutcome } from "../../objects/citizen-object.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { SecretPurpose } from "../pin/pin-challenge.ts";
import { generatePin } from "../pin/pin-code.ts";
import { otpMessage } from "./password-message.ts";

/** The stored form of a code: bound to its login transaction, keyed with the pepper. */
export const otpDigest = (pepper: string, loginId: string, code: string): Promise<string> =>
  hmacSha256(pepper, `llave-otp\n${loginId}\n${code}`);

/** What a code is for and how it is worded; the password method's step-up by default. */
export type OtpUse = {
  purpose: Extract<SecretPurpose, "otp" | "device">;
  message: (citizen: Citizen, code: string, expiresAt: number, lang: Texts) => Message | null;
};

const STEP_UP: OtpUse = { purpose: "otp", message: otpMessage };

/**
 * Issues a code for `citizenKey` and sends it by SMS after the answer. With no citizen (a
 * decoy, or data that did not match) the stored digest is one no code can match and nothing
 * is sent; the caller's answer is the same either way, unless the citizen is already
 * authenticated (the step-up), who is told the truth from the returned outcome.
 */
export async function sendOtp(
  deps: AppDeps,
  c: Context,
  input: { loginId: string; citizenKey: string; citizen: Citizen | null; now: number },
  use: OtpUse = STEP_UP,
): Promise<IssueOutcome> {
  const { config, citizens, delivery, audit, random, clock } = deps;
  const { loginId, citizenKey, citizen, now } = input;
  const code = generatePin(random, config.password.otpLength);
  const digest = await otpDigest(config.pinPepper, loginId, code);
  const blindDigest = randomToken(random, 256);
  const issued = await citizens.issuePin(citizenKey, {
    loginId,
    purpose: use.purpose,
    digest: citizen ? digest : blindDigest,
    blindDigest,
    channel: "sms",
    personalised: false,
    now,
    decoy: citizen === null,
  });
  if (!citizen) return issued;
  const who = requester(c, "citizen", loginId);
  afterResponse(c, async () => {
    const base = { ...who, at: now, citizenId: citizen.id };
    if (issued.outcome === "refused") {
      await audit.append({ ...base, event: "otp.refused", detail: { reason: issued.reason } });
      return;
    }
    const lang = citizenTexts(citizen, config.timeZone, c);
    const message = use.message(citizen, code, issued.expiresAt, lang);
    try {
      if (!message) throw new Error("no_mobile");
      await delivery.send(message);
      await audit.append({
        ...base,
        event: "otp.sent",
        detail: { channel: "sms", purpose: use.purpose },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await audit.append({
        ...base,
        at: clock.now(),
        event: "otp.delivery_failed",
        detail: { reason },
      });
    }
  });
  return issued;
}

/** What the login API answers once a code is on its way. */
export const otpSentBody = (deps: AppDeps, mobileHint: string | null) => ({
  status: "otp_sent" as const,
  channel: "sms" as const,
  expiresIn: deps.config.pin.ttlMs / 1000,
  resendAfter: deps.config.pin.resendCooldownMs / 1000,
  mobileHint,
});
