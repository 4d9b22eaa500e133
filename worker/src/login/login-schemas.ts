/** Wire shapes of the login transaction endpoints. */
import * as z from "zod";

export const LoginStatus = z
  .object({
    loginId: z.string(),
    status: z.enum([
      "started",
      "pin_sent",
      "change_required",
      "second_factor",
      "activation_otp",
      "choose_password",
      "mobile_waiting",
      "mobile_ended",
      "authenticated",
    ]),
    expiresAt: z.number().int(),
    pin: z
      .object({
        channel: z.enum(["app", "sms"]),
        sentAt: z.number().int(),
        requests: z.number().int(),
      })
      .optional(),
    mobile: z
      .object({
        mode: z.enum(["qr", "push", "ciba"]),
        expiresAt: z.number().int().optional(),
        reason: z.enum(["declined", "not_me", "wrong_number"]).optional(),
      })
      .optional()
      .describe("The citizen app's part: waiting until expiresAt, or how it ended"),
    authentication: z
      .object({
        citizenId: z.string(),
        method: z.enum(["pin", "password", "mobile"]),
        amr: z.array(z.string()),
        acr: z.string(),
        authTime: z.number().int(),
      })
      .optional(),
  })
  .meta({ id: "LoginStatus" });
