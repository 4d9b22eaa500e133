/** Wire shapes of the PIN endpoints; the OpenAPI document is generated from these. */
import * as z from "zod";
import { IdentityFields } from "../../api/identity-input.ts";

export const GetPinRequest = z
  .strictObject({
    ...IdentityFields,
    personalCode: z
      .string()
      .max(16)
      .optional()
      .describe(
        "Optional 4-character code the citizen chooses; it must be typed together with the PIN",
      ),
    channel: z.enum(["app", "sms"]).describe("Where the PIN is delivered"),
  })
  .meta({ id: "GetPinRequest" });

export const GetPinAccepted = z
  .object({
    status: z.literal("pin_requested"),
    channel: z.enum(["app", "sms"]),
    expiresIn: z.number().int().describe("Seconds the PIN stays valid from now"),
    resendAfter: z.number().int().describe("Seconds before another PIN may be requested"),
    smsFallbackAfter: z
      .number()
      .int()
      .nullable()
      .describe("For an app PIN: seconds before an SMS may be requested instead"),
    requestsLeft: z
      .number()
      .int()
      .describe("PINs this login may still ask for (a resend or the SMS fallback each count)"),
  })
  .meta({ id: "GetPinAccepted" });

export const VerifyPinRequest = z
  .strictObject({
    pin: z.string().regex(/^[0-9]{6,12}$/, "A PIN is 6 to 12 digits"),
    personalCode: z.string().max(16).optional(),
  })
  .meta({ id: "VerifyPinRequest" });

export const Authenticated = z
  .object({
    status: z.literal("authenticated"),
    citizenId: z.string(),
    method: z.literal("pin"),
    amr: z.array(z.string()).describe("RFC 8176 authentication method references"),
    acr: z.string().describe("eIDAS level of assurance URI"),
    authTime: z.number().int().describe("Seconds since the epoch"),
  })
  .meta({ id: "Authenticated" });
