/** Wire shapes of the password method's endpoints; the OpenAPI document is generated from these. */
import * as z from "zod";

/**
 * Far above any policy's maximum, so that a long password is refused by the policy with a
 * reason rather than cut: nothing is ever truncated. Bounded so that nobody makes us hash a
 * megabyte.
 */
const PASSWORD = z.string().min(1).max(1024);

const Contrast = z.strictObject({
  kind: z.enum(["dni_validity", "dni_issue", "nie_support", "cf_card_expiry"]).optional(),
  value: z.string().max(64),
});

export const PasswordLoginRequest = z
  .strictObject({
    document: z.string().max(64).describe("DNI, NIE or Italian codice fiscale"),
    password: PASSWORD,
  })
  .meta({ id: "PasswordLoginRequest" });

export const NewPasswordRequest = z
  .strictObject({ password: PASSWORD.describe("The new password") })
  .meta({ id: "NewPasswordRequest" });

export const OtpVerifyRequest = z
  .strictObject({ code: z.string().regex(/^[0-9]{6,10}$/, "A code is 6 to 10 digits") })
  .meta({ id: "OtpVerifyRequest" });

export const AppCodeRequest = z
  .strictObject({
    code: z.string().regex(/^[0-9]{6}$/, "A code from the app is 6 digits"),
  })
  .meta({ id: "AppCodeRequest" });

export const ActivationRequest = z
  .strictObject({
    document: z.string().max(64),
    contrast: Contrast,
    activationCode: z
      .string()
      .max(64)
      .describe("16 characters; case, spaces and dashes are ignored"),
  })
  .meta({ id: "ActivationRequest" });

export const OtpSent = z
  .object({
    status: z.literal("otp_sent"),
    channel: z.literal("sms"),
    expiresIn: z.number().int(),
    resendAfter: z.number().int(),
    mobileHint: z.string().nullable().describe("The mobile's last two digits, masked"),
  })
  .meta({ id: "OtpSent" });

export const PasswordStepAnswer = z
  .object({
    status: z.enum(["authenticated", "change_required", "otp_sent", "choose_password"]),
  })
  .passthrough()
  .meta({ id: "PasswordStepAnswer" });

export const Activated = z
  .object({ status: z.literal("activated"), expiresAt: z.number().int() })
  .meta({ id: "Activated" });

export const ActivationCodeRequest = z
  .strictObject({
    delivery: z
      .enum(["sms", "letter"])
      .describe("sms: sent to the citizen's mobile; letter: returned once, for printing"),
  })
  .meta({ id: "ActivationCodeRequest" });

export const ActivationCodeIssued = z
  .object({
    delivery: z.enum(["sms", "letter"]),
    expiresAt: z.number().int(),
    code: z.string().optional().describe("Only for letter: ABCD-EFGH-JKMN-PQRS"),
  })
  .meta({ id: "ActivationCodeIssued" });
