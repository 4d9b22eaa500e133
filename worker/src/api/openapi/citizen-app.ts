/**
 * The citizen app's API (tag "citizen app"): activation, inbox, socket, QR scans, answers and
 * devices, every request but two proved with the device's key (DPoP, docs/mobile.md).
 */
import type * as z from "zod";
import {
  AnswerRequest,
  AppActivationRequest,
  AppActivationStarted,
  ApprovalAnswered,
  AppSession,
  AppSocketMessage,
  DeviceActivated,
  DeviceList,
  Device as DeviceSchema,
  Inbox,
  QrScanned,
  QrScanRequest,
  RegisterDeviceRequest,
  RenameDeviceRequest,
  SocketTicket,
} from "../../methods/mobile/mobile-schemas.ts";
import { json, type ProblemCode, problems, ref } from "./shared.ts";

/** Every app API answer, errors included, carries the nonce for the next proof. */
const nonceHeader = {
  "DPoP-Nonce": {
    description: "A fresh server nonce, to put in the next request's DPoP proof",
    schema: { type: "string" },
  },
};
/** A refused proof also says why, as RFC 9449 asks. */
const proofRefusedHeaders = {
  ...nonceHeader,
  "WWW-Authenticate": {
    description:
      'DPoP error="use_dpop_nonce", error="invalid_dpop_proof", or error="invalid_token" (device_unknown)',
    schema: { type: "string" },
  },
};
/** The problems of a request proved by an active device (device-auth.ts `proven`). */
const PROOF_PROBLEMS = ["use_dpop_nonce", "invalid_dpop_proof", "device_unknown"] as const;

/** An operation of the citizen app's API (tag "citizen app"), proved unless `proof` is false. */
const appOperation = (op: {
  operationId: string;
  summary: string;
  description?: string;
  proof?: boolean;
  parameters?: object[];
  body?: z.ZodType;
  answer: { status: string; description: string; schema?: z.ZodType };
  codes: ProblemCode[];
}) => {
  const proved = op.proof !== false;
  const withNonce = (responses: Record<string, object>) =>
    Object.fromEntries(
      Object.entries(responses).map(([status, r]) => [
        status,
        { ...r, headers: proved && status === "401" ? proofRefusedHeaders : nonceHeader },
      ]),
    );
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: ["citizen app"],
    security: proved ? [{ dpop: [] }] : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    responses: withNonce({
      [op.answer.status]: {
        description: op.answer.description,
        ...(op.answer.schema ? { content: json(op.answer.schema) } : {}),
      },
      ...problems(...op.codes),
    }),
  };
};
/** What a JSON body of the app API may be refused for: its size, its type, its shape. */
const APP_BODY_PROBLEMS = [
  "payload_too_large",
  "unsupported_media_type",
  "invalid_request",
] as const;

const deviceId = {
  name: "id",
  in: "path",
  required: true,
  description: "A device of the citizen's (`dev_` and 22 base64url characters)",
  schema: { type: "string" },
};

/** The bodies this area's operations accept. */
export const APP_REQUESTS = [
  AppActivationRequest,
  RegisterDeviceRequest,
  RenameDeviceRequest,
  QrScanRequest,
  AnswerRequest,
];

/** The DPoP proof every proved request carries. */
export const dpopScheme = {
  type: "apiKey",
  in: "header",
  name: "DPoP",
  description:
    "A DPoP proof (RFC 9449) signed with the device's non-extractable P-256 key (ES256, the public JWK in the header): claims `jti`, `htm`, `htu` (issuer origin and path), `iat` (±60 s), `nonce` (the latest `DPoP-Nonce` answer header) and, for a request with a body, `bh`, the base64url SHA-256 of the body's bytes. A stale or missing nonce gets 401 use_dpop_nonce with a fresh one; a `jti` is accepted once; an unknown or revoked key gets 401 device_unknown. See docs/mobile.md.",
};

export const appPaths = {
  "/api/app/activation": {
    post: appOperation({
      operationId: "startAppActivation",
      summary: "Ask for the SMS code that activates the app on a device",
      description:
        "Not proved. The same answer whether or not the data match a citizen who can activate; only then does a code go out by SMS.",
      proof: false,
      body: AppActivationRequest,
      answer: {
        status: "202",
        description: "Accepted (identical for unknown citizens)",
        schema: AppActivationStarted,
      },
      codes: [
        "payload_too_large",
        "unsupported_media_type",
        "invalid_request",
        "invalid_document",
        "invalid_contrast_datum",
        "rate_limited",
      ],
    }),
  },
  "/api/app/devices": {
    post: appOperation({
      operationId: "registerDevice",
      summary: "Activate the app: register the device key that signs this request's proof",
      description:
        "The proof is made with the new key (its JWK is in the proof's header). Beyond MOBILE_MAX_DEVICES the oldest active devices are revoked, and the citizen is told by SMS and e-mail.",
      body: RegisterDeviceRequest,
      answer: { status: "201", description: "Activated", schema: DeviceActivated },
      codes: [
        "payload_too_large",
        "unsupported_media_type",
        "use_dpop_nonce",
        "invalid_dpop_proof",
        "invalid_request",
        "invalid_document",
        "invalid_contrast_datum",
        "invalid_otp",
        "otp_expired",
        "otp_not_active",
        "login_backoff",
        "login_blocked",
        "device_exists",
      ],
    }),
    get: appOperation({
      operationId: "listDevices",
      summary: "The citizen's devices",
      answer: { status: "200", description: "The devices", schema: DeviceList },
      codes: [...PROOF_PROBLEMS],
    }),
  },
  "/api/app/me": {
    get: appOperation({
      operationId: "getAppSession",
      summary: "This device and its citizen",
      answer: { status: "200", description: "The device and citizen", schema: AppSession },
      codes: [...PROOF_PROBLEMS],
    }),
  },
  "/api/app/inbox": {
    get: appOperation({
      operationId: "getInbox",
      summary: "The PINs and requests waiting for the app",
      description: "The socket delivers the same items as they arrive; poll this when it is down.",
      answer: { status: "200", description: "The live items, newest first", schema: Inbox },
      codes: [...PROOF_PROBLEMS],
    }),
  },
  "/api/app/socket-ticket": {
    post: appOperation({
      operationId: "openSocketTicket",
      summary: "A one-use ticket for the app's WebSocket",
      description: "No body. The ticket opens one socket, within its 30 seconds.",
      answer: { status: "200", description: "The ticket", schema: SocketTicket },
      codes: [...PROOF_PROBLEMS],
    }),
  },
  "/api/app/socket": {
    get: {
      ...appOperation({
        operationId: "openAppSocket",
        summary: "The app's WebSocket: inbox items as they arrive",
        description:
          "Not proved (a browser cannot sign a WebSocket handshake): the ticket stands in for the proof. Open it with `Upgrade: websocket`. The server sends JSON text messages (AppSocketMessage): `inbox` with a new item, `removed` with the id of an item answered, replaced, withdrawn or expired, and `revoked`, after which it closes with 4401. The app may send the text `ping`; the answer is `pong`. When the socket drops, the app polls GET /api/app/inbox and opens a new one with a new ticket.",
        proof: false,
        parameters: [
          {
            name: "ticket",
            in: "query",
            required: true,
            description: "From POST /api/app/socket-ticket",
            schema: { type: "string" },
          },
          {
            name: "Upgrade",
            in: "header",
            required: true,
            schema: { type: "string", const: "websocket" },
          },
        ],
        answer: { status: "101", description: "Switching Protocols: the WebSocket is open" },
        codes: ["invalid_request", "invalid_ticket"],
      }),
      "x-websocket-messages": {
        server: { content: { "application/json": { schema: ref(AppSocketMessage) } } },
        client: { content: { "text/plain": { schema: { type: "string", const: "ping" } } } },
      },
    },
  },
  "/api/app/qr": {
    post: appOperation({
      operationId: "scanQr",
      summary: "A scanned (or pasted) QR frame: the request to confirm",
      description:
        "The first good scan binds the login to this device; the citizen then answers at /api/app/approvals/{id}. A frame older than MOBILE_QR_MAX_AGE_SECONDS is `qr_stale`; once the QR's request has expired, `approval_expired`.",
      body: QrScanRequest,
      answer: { status: "200", description: "The request", schema: QrScanned },
      codes: [
        ...APP_BODY_PROBLEMS,
        ...PROOF_PROBLEMS,
        "qr_invalid",
        "qr_stale",
        "qr_used",
        "approval_expired",
        "approval_not_found",
        "no_mobile_login",
      ],
    }),
  },
  "/api/app/approvals/{id}": {
    post: appOperation({
      operationId: "answerApproval",
      summary:
        "Approve with the number the browser shows, decline, or report “I did not start this”",
      description:
        "A wrong number ends the login (`wrong_number`), as do decline and `not_me`; `not_me` also pauses pushes to this citizen.",
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          description: "The Approval's id",
          schema: { type: "string" },
        },
      ],
      body: AnswerRequest,
      answer: { status: "200", description: "Answered", schema: ApprovalAnswered },
      codes: [
        ...APP_BODY_PROBLEMS,
        ...PROOF_PROBLEMS,
        "approval_not_found",
        "approval_expired",
        "approval_answered",
        "no_mobile_login",
        "wrong_number",
      ],
    }),
  },
  "/api/app/devices/{id}": {
    patch: appOperation({
      operationId: "renameDevice",
      summary: "Rename one of the citizen's devices",
      parameters: [deviceId],
      body: RenameDeviceRequest,
      answer: { status: "200", description: "The device as saved", schema: DeviceSchema },
      codes: [...APP_BODY_PROBLEMS, ...PROOF_PROBLEMS, "device_not_found"],
    }),
    delete: appOperation({
      operationId: "revokeDevice",
      summary: "Revoke one of the citizen's devices (this one logs the app out)",
      description: "Its open sockets are told (`revoked`) and closed.",
      parameters: [deviceId],
      answer: { status: "204", description: "Revoked" },
      codes: [...PROOF_PROBLEMS, "device_not_found"],
    }),
  },
};
