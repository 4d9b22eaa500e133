/**
 * The OpenAPI 3.1 description of the login API, the citizen app's API and the admin API,
 * generated from the same zod
 * schemas that validate requests: schemas registered with `.meta({ id })` become components,
 * so the document cannot drift from what the handlers accept.
 */
import * as z from "zod";
import {
  CLIENT_ID,
  ClientList,
  ClientPatchRequest,
  ClientSaved,
  ClientView,
  NewClientRequest,
  RotateSecretRequest,
  SecretRotated,
} from "../admin/admin-schemas.ts";
import { UnlockRequest, UnlockResult } from "../admin/unlock-routes.ts";
import { PROBLEMS } from "../errors.ts";
import { LoginCreated, LoginStatus } from "../login/login-schemas.ts";
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
  MobileStatus,
  PushRequest,
  QrScanned,
  QrScanRequest,
  RegisterDeviceRequest,
  RenameDeviceRequest,
  SocketTicket,
} from "../methods/mobile/mobile-schemas.ts";
import {
  Activated,
  ActivationCodeIssued,
  ActivationCodeRequest,
  ActivationRequest,
  AppCodeRequest,
  NewPasswordRequest,
  OtpSent,
  OtpVerifyRequest,
  PasswordLoginRequest,
  PasswordStepAnswer,
} from "../methods/password/password-schemas.ts";
// Importing the schemas registers them (with their ids) in zod's global registry.
import {
  Authenticated,
  GetPinAccepted,
  GetPinRequest,
  VerifyPinRequest,
} from "../methods/pin/pin-schemas.ts";

export const ProblemDetails = z
  .object({
    type: z.string().describe("urn:llave:problem:<code>"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.enum(Object.keys(PROBLEMS) as [keyof typeof PROBLEMS, ...(keyof typeof PROBLEMS)[]]),
    retryAfter: z.number().int().optional().describe("Seconds to wait, for 429 answers"),
    reason: z
      .string()
      .optional()
      .describe("For invalid_document and invalid_contrast_datum: which rule failed"),
    triesLeft: z
      .number()
      .int()
      .optional()
      .describe("Tries left, for invalid_pin, invalid_otp and invalid_credentials"),
    reasons: z
      .array(z.string())
      .optional()
      .describe("For weak_password: every rule the password breaks (docs/password.md)"),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${schema.meta()?.id}` });
const json = (schema: z.ZodType) => ({ "application/json": { schema: ref(schema) } });
const problems = (...codes: (keyof typeof PROBLEMS)[]) =>
  Object.fromEntries(
    [...new Set(codes.map((code) => PROBLEMS[code].status))].map((status) => [
      String(status),
      {
        description: codes.filter((code) => PROBLEMS[code].status === status).join(", "),
        content: { "application/problem+json": { schema: ref(ProblemDetails) } },
      },
    ]),
  );
/** The problems every login-API step may answer besides its own. */
const LOGIN_PROBLEMS = [
  "invalid_request",
  "login_not_found",
  "login_expired",
  "already_authenticated",
  "payload_too_large",
  "unsupported_media_type",
] as const;

/** A POST of the password method: body, answer and problems (docs/password.md). */
const passwordStep = (
  operationId: string,
  summary: string,
  body: z.ZodType | null,
  answer: { status: string; schema: z.ZodType },
  ...codes: (keyof typeof PROBLEMS)[]
) => ({
  post: {
    operationId,
    summary,
    tags: ["password"],
    parameters: [loginId],
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: {
      [answer.status]: { description: summary, content: json(answer.schema) },
      ...problems(...LOGIN_PROBLEMS, ...codes),
    },
  },
});

const loginId = {
  name: "loginId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};

const clientId = {
  name: "clientId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: CLIENT_ID.source },
};
/** Every admin operation needs the bearer token… */
const admin = { tags: ["admin"], security: [{ adminToken: [] }] };
/** …and so may answer `unauthorized`, besides its own problems. */
const adminProblems = (...codes: (keyof typeof PROBLEMS)[]) => problems("unauthorized", ...codes);
const clientBody = (schema: z.ZodType) => ({ required: true, content: json(schema) });

/** Where the mobile method's flows and proofs are described. */
const MOBILE_DOC = "docs/mobile.md";

/** The login page's side of the mobile method (tag "mobile"). */
const mobileStep = (
  method: "get" | "post",
  op: {
    operationId: string;
    summary: string;
    description?: string;
    parameters?: object[];
    body?: z.ZodType;
    answer: { status: string; description: string };
    codes: (keyof typeof PROBLEMS)[];
  },
) => ({
  [method]: {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: ["mobile"],
    parameters: [loginId, ...(op.parameters ?? [])],
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    responses: {
      [op.answer.status]: { description: op.answer.description, content: json(MobileStatus) },
      ...problems(...op.codes),
    },
  },
});

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
  codes: (keyof typeof PROBLEMS)[];
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

/** The components that describe request bodies. */
const REQUEST_IDS = new Set(
  [
    GetPinRequest,
    VerifyPinRequest,
    NewClientRequest,
    ClientPatchRequest,
    RotateSecretRequest,
    PasswordLoginRequest,
    NewPasswordRequest,
    OtpVerifyRequest,
    AppCodeRequest,
    ActivationRequest,
    ActivationCodeRequest,
    PushRequest,
    AppActivationRequest,
    RegisterDeviceRequest,
    RenameDeviceRequest,
    QrScanRequest,
    AnswerRequest,
  ].map((schema) => schema.meta()?.id),
);

export function openApiDocument(issuer: string) {
  // Every schema registered with `.meta({ id })` becomes a component; references between
  // them point into components rather than into per-schema $defs. Request bodies are described
  // as they may be sent (a member with a default is optional), answers as they are produced.
  const generate = (io: "input" | "output") =>
    z.toJSONSchema(z.globalRegistry, {
      target: "draft-2020-12",
      unrepresentable: "any",
      io,
      uri: (id) => `#/components/schemas/${id}`,
    }).schemas;
  const [sent, produced] = [generate("input"), generate("output")];
  const components = Object.fromEntries(
    Object.entries(produced).map(([id, output]) => {
      const schema = REQUEST_IDS.has(id) ? sent[id] : output;
      const { $schema: _, $id: __, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Llave API",
      version: "0.1.0",
      description:
        "Login transactions and their methods (one-time PIN, permanent password, the citizen app by QR or push); the citizen app's own API, every request of which but two is proved with the device's key (DPoP, docs/mobile.md); and the admin API through which operators register agencies' clients (bearer ADMIN_TOKEN; it answers 404 on deployments without one). Errors are RFC 9457 problems with a stable `type` (urn:llave:problem:<code>).",
    },
    servers: [{ url: issuer }],
    tags: [
      { name: "password", description: "The permanent password method (docs/password.md)" },
      {
        name: "mobile",
        description: `The login page's side of the mobile method: show a QR, or send a request to the citizen's app, then follow it (${MOBILE_DOC})`,
      },
      {
        name: "citizen app",
        description: `The citizen app's API: activation, inbox, QR scans, answers and devices (${MOBILE_DOC})`,
      },
      {
        name: "admin",
        description: "Operators: agencies' clients, activation codes and unlocking citizens",
      },
    ],
    paths: {
      "/api/logins": {
        post: {
          operationId: "startLogin",
          summary: "Start a login transaction",
          responses: { "201": { description: "Started", content: json(LoginCreated) } },
        },
      },
      "/api/logins/{loginId}": {
        get: {
          operationId: "getLogin",
          summary: "Where a login transaction stands",
          parameters: [loginId],
          responses: {
            "200": { description: "The transaction", content: json(LoginStatus) },
            ...problems("login_not_found", "login_expired"),
          },
        },
      },
      "/api/logins/{loginId}/pin": {
        post: {
          operationId: "getPin",
          summary: "Get PIN: send a one-time PIN to the citizen",
          description:
            "The answer is the same whether or not the document and contrast datum match a registered citizen; only the citizen can tell, by receiving the PIN.",
          parameters: [loginId],
          requestBody: { required: true, content: json(GetPinRequest) },
          responses: {
            "202": {
              description: "Accepted (identical for unknown citizens)",
              content: json(GetPinAccepted),
            },
            ...problems(
              "invalid_request",
              "invalid_document",
              "invalid_contrast_datum",
              "invalid_personal_code",
              "login_not_found",
              "login_expired",
              "already_authenticated",
              "too_many_pin_requests",
              "resend_cooldown",
              "sms_fallback_not_yet",
              "channel_unavailable",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/api/logins/{loginId}/pin/verify": {
        post: {
          operationId: "verifyPin",
          summary: "Check the PIN and authenticate the transaction",
          parameters: [loginId],
          requestBody: { required: true, content: json(VerifyPinRequest) },
          responses: {
            "200": { description: "Authenticated", content: json(Authenticated) },
            ...problems(
              "invalid_request",
              "invalid_pin",
              "pin_expired",
              "pin_not_active",
              "pin_backoff",
              "pin_locked",
              "login_not_found",
              "login_expired",
              "already_authenticated",
              "no_pin_requested",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/api/logins/{loginId}/password": passwordStep(
        "passwordLogin",
        "Log in with document and permanent password",
        PasswordLoginRequest,
        { status: "200", schema: PasswordStepAnswer },
        "invalid_document",
        "invalid_credentials",
        "rate_limited",
        "password_busy",
      ),
      "/api/logins/{loginId}/password/change": passwordStep(
        "changeExpiredPassword",
        "Choose a new password when the old one has expired",
        NewPasswordRequest,
        { status: "200", schema: PasswordStepAnswer },
        "no_password_change",
        "weak_password",
        "password_busy",
      ),
      "/api/logins/{loginId}/otp": passwordStep(
        "sendOtp",
        "Send (or resend) the SMS code of the second factor or of the activation",
        null,
        { status: "202", schema: OtpSent },
        "no_otp_requested",
        "resend_cooldown",
        "too_many_pin_requests",
      ),
      "/api/logins/{loginId}/otp/verify": passwordStep(
        "verifyOtp",
        "Check the SMS code",
        OtpVerifyRequest,
        { status: "200", schema: PasswordStepAnswer },
        "invalid_otp",
        "otp_expired",
        "otp_not_active",
        "no_otp_requested",
        "login_backoff",
        "login_blocked",
      ),
      "/api/logins/{loginId}/otp/app": passwordStep(
        "verifyAppCode",
        "Check the code the citizen app shows, instead of the SMS code (second factor only)",
        AppCodeRequest,
        { status: "200", schema: PasswordStepAnswer },
        "invalid_otp",
        "otp_used",
        "no_app_device",
        "no_otp_requested",
        "login_backoff",
        "login_blocked",
      ),
      "/api/logins/{loginId}/activation": passwordStep(
        "startActivation",
        "Activate a password: document, contrast datum and activation code (same answer whatever matched)",
        ActivationRequest,
        { status: "202", schema: OtpSent },
        "invalid_document",
        "invalid_contrast_datum",
        "invalid_activation_code",
        "rate_limited",
        "resend_cooldown",
        "too_many_pin_requests",
      ),
      "/api/logins/{loginId}/activation/password": passwordStep(
        "setActivatedPassword",
        "Set the password, consuming the activation code",
        NewPasswordRequest,
        { status: "200", schema: Activated },
        "no_activation",
        "weak_password",
        "activation_code_invalid",
        "password_busy",
      ),
      "/api/logins/{loginId}/mobile/qr": mobileStep("post", {
        operationId: "startMobileQr",
        summary: "Show a QR for the citizen app (starts, or starts again with a new number)",
        description:
          "No body is needed (any is ignored). The answer's `frame` is the QR to show; poll GET …/mobile for the next one each second.",
        answer: { status: "201", description: "Waiting for a scan" },
        codes: [
          "payload_too_large",
          "login_not_found",
          "invalid_request",
          "login_expired",
          "already_authenticated",
          "login_ended",
          "too_many_pin_requests",
        ],
      }),
      "/api/logins/{loginId}/mobile/push": mobileStep("post", {
        operationId: "startMobilePush",
        summary: "Send a request to the citizen's app (document and contrast datum)",
        description:
          "The same answer whether or not the citizen exists or has an activated app; the request is delivered after the answer. `invalid_request` also when the service does not accept the app.",
        body: PushRequest,
        answer: {
          status: "202",
          description: "Waiting for the app (identical for unknown citizens)",
        },
        codes: [
          ...LOGIN_PROBLEMS,
          "invalid_document",
          "invalid_contrast_datum",
          "push_paused",
          "push_limit",
          "login_ended",
          "too_many_pin_requests",
        ],
      }),
      "/api/logins/{loginId}/mobile": mobileStep("get", {
        operationId: "getMobileStatus",
        summary: "Where the mobile method stands, long-polled, with the QR frame to show",
        description:
          "With `after`, it answers at once when `version` has moved past it, else at the QR's next second (push: within 20 s) or at expiry. `Cache-Control: no-store`.",
        parameters: [
          {
            name: "after",
            in: "query",
            description: "The `version` of the previous answer",
            schema: { type: "integer", minimum: 0, maximum: 1_000_000 },
          },
        ],
        answer: { status: "200", description: "The status" },
        codes: ["login_not_found", "invalid_request", "no_mobile_login"],
      }),
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
          description:
            "The socket delivers the same items as they arrive; poll this when it is down.",
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
      "/admin/citizens/{citizenId}/activation-codes": {
        post: {
          operationId: "issueActivationCode",
          summary: "Issue a password activation code (by SMS, or returned for a letter)",
          ...admin,
          parameters: [
            { name: "citizenId", in: "path", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: json(ActivationCodeRequest) },
          responses: {
            "201": { description: "Issued", content: json(ActivationCodeIssued) },
            ...adminProblems("invalid_request", "citizen_not_found", "not_eligible", "no_mobile"),
          },
        },
      },
      "/admin/unlocks": {
        post: {
          operationId: "unlockCitizen",
          summary:
            "Lift a citizen's lockouts at once (failure back-off, hard stop, password pause)",
          description:
            "Lockouts also end by themselves (docs/password.md). Audited as `citizen.unlocked` with the operator and the reason, and told to the citizen on every contact.",
          ...admin,
          requestBody: { required: true, content: json(UnlockRequest) },
          responses: {
            "200": { description: "Unlocked", content: json(UnlockResult) },
            ...adminProblems("invalid_request", "invalid_document", "citizen_not_found"),
          },
        },
      },
      "/admin/clients": {
        get: {
          operationId: "listClients",
          summary: "List clients, a page at a time, in id order",
          ...admin,
          parameters: [
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
            },
            {
              name: "after",
              in: "query",
              schema: { type: "string" },
              description: "`next` of the previous page",
            },
          ],
          responses: {
            "200": { description: "A page of clients", content: json(ClientList) },
            ...adminProblems("invalid_request"),
          },
        },
        post: {
          operationId: "createClient",
          summary: "Register an agency's client",
          description:
            "A client_secret_basic or client_secret_post client gets a secret, shown in this answer only.",
          ...admin,
          requestBody: clientBody(NewClientRequest),
          responses: {
            "201": { description: "Registered", content: json(ClientSaved) },
            ...adminProblems(
              "invalid_client_metadata",
              "client_exists",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/admin/clients/{clientId}": {
        get: {
          operationId: "getClient",
          summary: "One client",
          ...admin,
          parameters: [clientId],
          responses: {
            "200": { description: "The client", content: json(ClientView) },
            ...adminProblems("client_not_found"),
          },
        },
        patch: {
          operationId: "updateClient",
          summary: "Change, disable or enable a client",
          description:
            "Members left out keep their value; null clears jwks, jwksUri or backchannelLogoutUri. A client moved to a secret method without a secret gets one, in this answer only.",
          ...admin,
          parameters: [clientId],
          requestBody: clientBody(ClientPatchRequest),
          responses: {
            "200": { description: "The client as saved", content: json(ClientSaved) },
            ...adminProblems(
              "invalid_client_metadata",
              "client_not_found",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/admin/clients/{clientId}/secret": {
        post: {
          operationId: "rotateClientSecret",
          summary: "Rotate a client's secret",
          description:
            "The previous secret keeps working for graceSeconds, so the agency can roll out the new one.",
          ...admin,
          parameters: [clientId],
          requestBody: clientBody(RotateSecretRequest),
          responses: {
            "200": { description: "The new secret", content: json(SecretRotated) },
            ...adminProblems(
              "invalid_request",
              "client_not_found",
              "no_client_secret",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
    },
    components: {
      schemas: components,
      securitySchemes: {
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "The deployment's ADMIN_TOKEN",
        },
        dpop: {
          type: "apiKey",
          in: "header",
          name: "DPoP",
          description:
            "A DPoP proof (RFC 9449) signed with the device's non-extractable P-256 key (ES256, the public JWK in the header): claims `jti`, `htm`, `htu` (issuer origin and path), `iat` (±60 s), `nonce` (the latest `DPoP-Nonce` answer header) and, for a request with a body, `bh`, the base64url SHA-256 of the body's bytes. A stale or missing nonce gets 401 use_dpop_nonce with a fresh one; a `jti` is accepted once; an unknown or revoked key gets 401 device_unknown. See docs/mobile.md.",
        },
      },
    },
  };
}
