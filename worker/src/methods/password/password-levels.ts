/**
 * What a password login proves (BRIEF.md "Levels of assurance"): the password alone is
 * `LOA_PASSWORD` (low), with the SMS code or the app's code `LOA_PASSWORD_OTP` (substantial),
 * both capped by the citizen's registration; `amr` after RFC 8176.
 */
import {
  type AssuranceLevel,
  assertedLevel,
  type RegistrationLevel,
} from "../../assurance/levels.ts";
import type { Config } from "../../config.ts";

export const PASSWORD_AMR = ["pwd"];
export const PASSWORD_OTP_AMR = ["pwd", "otp", "sms", "mfa"];
/** With the app's code: a software-held seed (`swk`) made the one-time code. */
export const PASSWORD_APP_OTP_AMR = ["pwd", "otp", "swk", "mfa"];

/** @example passwordLevel(config, "advanced", true) // "substantial" by default */
export function passwordLevel(
  config: Config,
  registration: RegistrationLevel,
  withOtp: boolean,
): AssuranceLevel {
  const { assurance } = config;
  return assertedLevel(
    assurance,
    registration,
    withOtp ? assurance.passwordOtp : assurance.password,
  );
}
