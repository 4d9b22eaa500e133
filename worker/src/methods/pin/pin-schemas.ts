/** Wire shapes of the PIN endpoints; the OpenAPI document is generated from these. */
import * as z from "zod";

export const GetPinRequest = z
  .strictObject({
    document: z
      .string()
      .max(64)
      .describe("DNI, NIE or Italian codice fiscale; case and separators are ignored"),
    contrast: z.strictObject({
      kind: z
        .enum(["dni_validity", "dni_issue", "nie_support", "cf_card_expiry"])
        .optional()
        .describe(
          "Which contrast datum is given; defaults to the first one the document type accepts",
        ),
      value: z
        .string()
        .max(64)
        .describe("DNI validity or issue date, NIE support number, or health card expiry"),
    }),
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
