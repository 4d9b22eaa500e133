/** Wire shapes of the mobile method's endpoints (docs/mobile.md). */
import * as z from "zod";
import { IdentityFields } from "../../api/identity-input.ts";
import type { MobileStatusView } from "../../objects/login-object.ts";
import type { AppItem, ApprovalView } from "./app-inbox.ts";
import type { citizenView, deviceView } from "./app-routes.ts";

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

// ── Answers ─────────────────────────────────────────────────────────────────────────────
// What the routes return, for the OpenAPI document. The checks at the end keep each schema
// equal to the type its route builds, so a change on either side fails to compile.

const epochMs = (what: string) =>
  z.number().int().describe(`${what}, in milliseconds since the epoch`);
const epochMsOrNull = (what: string) =>
  z.number().int().nullable().describe(`${what}, in milliseconds since the epoch`);
const seconds = (what: string) => z.number().int().describe(`Seconds ${what}`);
const MobileMode = z.enum(["qr", "push", "ciba"]);

export const MobileStatus = z
  .object({
    mode: MobileMode,
    status: z
      .enum([
        "waiting",
        "scanned",
        "authenticated",
        "declined",
        "not_me",
        "wrong_number",
        "expired",
      ])
      .describe(
        "`authenticated`: continue the login; `declined`, `not_me`, `wrong_number`: the login has ended and can only be cancelled; `expired`: the page may start again",
      ),
    version: z
      .number()
      .int()
      .describe("Grows with every change; send it back as `after` to wait for the next one"),
    number: z
      .number()
      .int()
      .nullable()
      .describe("The two-digit number the page shows, while waiting or scanned"),
    expiresAt: epochMsOrNull("When the QR or the request stops being usable"),
    frame: z
      .string()
      .nullable()
      .describe(
        "The QR's text to show now, `llave.<token>.<seconds>.<hmac>`; only while a QR waits to be scanned",
      ),
  })
  .meta({ id: "MobileStatus" });

export const Approval = z
  .object({
    id: z.string().describe("The request's id, to answer at /api/app/approvals/{id}"),
    mode: MobileMode,
    agency: z.string().describe("The service the citizen is logging in to"),
    location: z.string().nullable().describe("Where the login started (city and country)"),
    browser: z.string().nullable().describe("The browser and system the login started on"),
    choices: z
      .tuple([z.number().int(), z.number().int(), z.number().int()])
      .describe("Three two-digit numbers; one is the number the browser shows"),
    bindingMessage: z
      .string()
      .nullable()
      .describe("CIBA: the agency's message, which the operator reads out too"),
    expiresAt: epochMs("When the request expires"),
  })
  .meta({ id: "Approval" });

export const InboxItem = z
  .discriminatedUnion("kind", [
    z.object({
      id: z.string(),
      kind: z.literal("pin"),
      createdAt: epochMs("When it arrived"),
      expiresAt: epochMs("When the PIN expires"),
      pin: z.string().describe("The PIN of the PIN method's app channel"),
      agency: z.string().nullable().describe("The service the login is for, when known"),
    }),
    z.object({
      id: z.string(),
      kind: z.literal("approval"),
      createdAt: epochMs("When it arrived"),
      expiresAt: epochMs("When the request expires"),
      approval: Approval,
    }),
  ])
  .meta({ id: "InboxItem" });

export const Inbox = z
  .object({ items: z.array(InboxItem).describe("The live items, newest first") })
  .meta({ id: "Inbox" });

export const Device = z
  .object({
    id: z.string().describe("`dev_` and 22 base64url characters"),
    name: z.string(),
    status: z.enum(["active", "revoked"]),
    createdAt: epochMs("When it was activated"),
    lastUsedAt: epochMsOrNull("When it last proved a request (to the minute)"),
    revokedAt: epochMsOrNull("When it was revoked"),
    waitEndsAt: epochMs(
      "Until then its approvals, app PINs and step-up codes assert at most low: it was bound with an SMS code alone, and every contact was told with a link to cancel it",
    ),
    current: z.boolean().describe("Whether this is the device that made the request"),
  })
  .meta({ id: "Device" });

export const AppCitizen = z
  .object({
    givenName: z.string(),
    familyName: z.string().describe("Both family names, when there are two"),
    document: z.string().describe("The document number with all but its last four masked"),
    level: z
      .enum(["low", "substantial", "high"])
      .describe(
        "The level an approval from this device asserts now for this citizen (low during the device's binding wait)",
      ),
  })
  .meta({ id: "AppCitizen" });

export const AppActivationStarted = z
  .object({
    activationId: z.string().describe("Send it back with the SMS code to POST /api/app/devices"),
    expiresIn: seconds("the SMS code stays valid"),
    resendAfter: seconds("before another activation may send a code"),
  })
  .meta({ id: "AppActivationStarted" });

export const DeviceActivated = z
  .object({
    device: Device,
    citizen: AppCitizen,
    revoked: z
      .number()
      .int()
      .describe("How many older devices were revoked to stay within MOBILE_MAX_DEVICES"),
    totp: z
      .object({
        secret: z.string().describe("The seed: 20 random bytes in base32 (RFC 4648, no padding)"),
        algorithm: z.literal("SHA1"),
        digits: z.literal(6),
        period: z.literal(30),
      })
      .describe(
        "The device's step-up codes (RFC 6238), for POST /api/logins/{loginId}/otp/app: sent this once only",
      ),
  })
  .meta({ id: "DeviceActivated" });

export const AppSession = z
  .object({ device: Device, citizen: AppCitizen })
  .meta({ id: "AppSession" });

export const SocketTicket = z
  .object({
    ticket: z.string().describe("Opens one socket: GET /api/app/socket?ticket=…"),
    expiresIn: seconds("the ticket stays valid"),
  })
  .meta({ id: "SocketTicket" });

export const QrScanned = z.object({ approval: Approval }).meta({ id: "QrScanned" });

export const ApprovalAnswered = z
  .object({
    status: z
      .enum(["approved", "declined", "reported"])
      .describe("`reported`: the citizen did not start this login (`not_me`)"),
  })
  .meta({ id: "ApprovalAnswered" });

export const DeviceList = z
  .object({
    devices: z.array(Device).describe("The citizen's devices, revoked ones too, newest first"),
  })
  .meta({ id: "DeviceList" });

export const AppSocketMessage = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("inbox"), item: InboxItem }).describe("A new or replaced item"),
    z
      .object({ type: z.literal("removed"), id: z.string() })
      .describe("An item was answered, replaced, withdrawn or expired"),
    z
      .object({ type: z.literal("revoked") })
      .describe("This device was revoked; the socket then closes with 4401"),
  ])
  .meta({ id: "AppSocketMessage" });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compiles only while each answer schema is exactly what its route builds. */
export type AnswersMatchRoutes = [
  Assert<Same<z.output<typeof MobileStatus>, MobileStatusView>>,
  Assert<Same<z.output<typeof Approval>, ApprovalView>>,
  Assert<Same<z.output<typeof InboxItem>, AppItem>>,
  Assert<Same<z.output<typeof Device>, ReturnType<typeof deviceView>>>,
  Assert<Same<z.output<typeof AppCitizen>, ReturnType<typeof citizenView>>>,
];
