/** Wire shapes of the mobile method's endpoints (docs/mobile.md). */
import * as z from "zod";
import { IdentityFields } from "../../api/identity-input.ts";

export const AppActivationRequest = z
  .strictObject(IdentityFields)
  .meta({ id: "AppActivationRequest" });

const DeviceName = z
  .string()
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1).max(60))
  .describe("A name the citizen recognises the device by, 1–60 characters");

export const RegisterDeviceRequest = z
  .strictObject({
    ...IdentityFields,
    activationId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "Not an activation id"),
    code: z.string().regex(/^[0-9]{6,10}$/, "A code is 6 to 10 digits"),
    name: DeviceName,
  })
  .meta({ id: "RegisterDeviceRequest" });

export const RenameDeviceRequest = z
  .strictObject({ name: DeviceName })
  .meta({ id: "RenameDeviceRequest" });

export const QrScanRequest = z
  .strictObject({ payload: z.string().max(512).describe("The QR's text, as scanned or pasted") })
  .meta({ id: "QrScanRequest" });

export const AnswerRequest = z
  .discriminatedUnion("decision", [
    z.strictObject({ decision: z.literal("approve"), number: z.number().int().min(10).max(99) }),
    z.strictObject({ decision: z.literal("decline") }),
    z.strictObject({ decision: z.literal("not_me") }),
  ])
  .meta({ id: "AnswerRequest" });

export const PushRequest = z.strictObject(IdentityFields).meta({ id: "MobilePushRequest" });

export const StatusQuery = z.object({
  after: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
