/**
 * The login API (tags "login", "password", "mobile"): a login transaction and the steps of
 * each method, as the login page calls them (docs/api.md, docs/password.md, docs/mobile.md).
 */
import type * as z from "zod";
import { LoginStatus } from "../../login/login-schemas.ts";
import { MobileStatus, PushRequest } from "../../methods/mobile/mobile-schemas.ts";
import {
  Activated,
  ActivationRequest,
  AppCodeRequest,
  NewPasswordRequest,
  OtpSent,
  OtpVerifyRequest,
  PasswordLoginRequest,
  PasswordStepAnswer,
} from "../../methods/password/password-schemas.ts";
import {
  Authenticated,
  GetPinAccepted,
  GetPinRequest,
  VerifyPinRequest,
} from "../../methods/pin/pin-schemas.ts";
import { json, loginId, type ProblemCode, problems } from "./shared.ts";

/** Where the mobile method's flows and proofs are described. */
export const MOBILE_DOC = "docs/mobile.md";

/** The problems every login-API step may answer besides its own. */
const LOGIN_PROBLEMS = [
  "invalid_request",
  "login_not_found",
  "login_other_browser",
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
  ...codes: ProblemCode[]
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
    codes: ProblemCode[];
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

/** The bodies this area's operations accept (described as they may be sent). */
export const LOGIN_REQUESTS = [
  GetPinRequest,
  VerifyPinRequest,
  PasswordLoginRequest,
  NewPasswordRequest,
  OtpVerifyRequest,
  AppCodeRequest,
  ActivationRequest,
  PushRequest,
];

export const loginPaths = {
  "/api/logins/{loginId}": {
    get: {
      operationId: "getLogin",
      summary: "Where a login transaction stands",
      parameters: [loginId],
      responses: {
        "200": { description: "The transaction", content: json(LoginStatus) },
        ...problems("login_not_found", "login_other_browser", "login_expired"),
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
          "login_other_browser",
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
          "login_other_browser",
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
    codes: ["login_not_found", "login_other_browser", "invalid_request", "no_mobile_login"],
  }),
};
