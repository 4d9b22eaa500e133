/**
 * Wire errors of Llave's own JSON APIs: RFC 9457 `application/problem+json` with a stable
 * `type` per error (`urn:llave:problem:<code>`) and the `code` repeated as an extension member
 * for clients that switch on it. Internal reasons (from the state machines) map onto these
 * codes through exhaustive switches, so adding a reason without deciding its wire error does
 * not compile. Protocol (OAuth/OIDC) errors come with the OpenID Connect issue.
 *
 * Every public description is written for the citizen's client and never reveals whether a
 * citizen exists.
 */
import type { LoginRefusal } from "./login/login-transaction.ts";

export const PROBLEMS = {
  invalid_request: { status: 400, title: "The request is not valid" },
  invalid_document: { status: 400, title: "The document number is not valid" },
  invalid_contrast_datum: { status: 400, title: "The contrast datum is not valid" },
  invalid_personal_code: { status: 400, title: "The personal code is not valid" },
  channel_unavailable: { status: 400, title: "This delivery channel is not available" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "The request body must be JSON" },
  not_found: { status: 404, title: "Not found" },
  login_not_found: { status: 404, title: "The login transaction does not exist" },
  login_expired: { status: 410, title: "The login transaction has expired" },
  login_other_browser: {
    status: 403,
    title: "This login was started in another browser; go back to the service and start again",
  },
  already_authenticated: { status: 409, title: "The login transaction is already complete" },
  no_pin_requested: { status: 409, title: "No PIN has been requested in this login" },
  too_many_pin_requests: { status: 429, title: "Too many PINs were requested in this login" },
  resend_cooldown: { status: 429, title: "Wait before asking for another PIN" },
  sms_fallback_not_yet: { status: 429, title: "An SMS can be requested once the app had time" },
  invalid_pin: { status: 400, title: "The PIN is not correct" },
  pin_expired: { status: 400, title: "The PIN has expired" },
  pin_not_active: { status: 409, title: "This PIN is no longer valid; ask for a new one" },
  pin_backoff: { status: 429, title: "Too many failed attempts; wait before trying again" },
  pin_locked: { status: 423, title: "PIN login is blocked after too many failed attempts" },
  no_otp_requested: { status: 409, title: "No code has been sent in this login" },
  otp_send_limit: { status: 429, title: "Too many codes were sent this hour; try again later" },
  no_password_change: { status: 409, title: "This login is not waiting for a new password" },
  no_activation: { status: 409, title: "This login is not activating a password" },
  invalid_credentials: { status: 400, title: "The document number or the password is not correct" },
  password_locked: { status: 423, title: "The password is paused after too many failed attempts" },
  login_backoff: { status: 429, title: "Too many failed attempts; wait before trying again" },
  login_blocked: { status: 423, title: "Login is blocked after too many failed attempts" },
  rate_limited: { status: 429, title: "Too many attempts from this network; wait a moment" },
  password_busy: { status: 429, title: "Too many logins at this moment; try again shortly" },
  weak_password: { status: 400, title: "The password does not meet the rules" },
  invalid_otp: { status: 400, title: "The code is not correct" },
  otp_expired: { status: 400, title: "The code has expired" },
  otp_not_active: { status: 409, title: "This code is no longer valid; ask for a new one" },
  otp_used: { status: 409, title: "This code was already used; wait for the next one" },
  no_app_device: { status: 409, title: "No activated Llave app makes codes for this citizen" },
  invalid_activation_code: { status: 400, title: "An activation code is 16 letters and digits" },
  activation_code_invalid: { status: 409, title: "The activation code can no longer be used" },
  citizen_not_found: { status: 404, title: "The citizen does not exist" },
  citizen_not_active: { status: 409, title: "The citizen is not active" },
  citizen_not_suspended: { status: 409, title: "The citizen is not suspended" },
  not_eligible: { status: 409, title: "This citizen cannot have a permanent password" },
  no_mobile: { status: 409, title: "The citizen has no registered mobile number" },
  login_required: { status: 401, title: "Log in at the substantial level to use this" },
  unauthorized: { status: 401, title: "A valid admin token is required" },
  use_dpop_nonce: { status: 401, title: "Sign the request again with the server's DPoP nonce" },
  invalid_dpop_proof: { status: 401, title: "The request's device proof is not valid" },
  device_unknown: { status: 401, title: "This device is not activated, or was revoked" },
  device_exists: { status: 409, title: "This device key is already registered" },
  device_not_found: { status: 404, title: "The device does not exist" },
  device_waiting: {
    status: 409,
    title: "This app was activated recently; until its wait ends it counts only for low",
  },
  qr_invalid: { status: 400, title: "This is not a valid Llave QR code" },
  qr_stale: { status: 400, title: "The QR code was read too late; scan it again" },
  qr_used: { status: 409, title: "This QR code has already been used" },
  approval_not_found: { status: 404, title: "The request does not exist" },
  approval_expired: { status: 410, title: "The request has expired" },
  approval_answered: { status: 409, title: "The request has already been answered" },
  wrong_number: { status: 409, title: "That is not the number shown; the login was stopped" },
  login_ended: { status: 410, title: "The login was declined or stopped in the app" },
  no_mobile_login: { status: 409, title: "This login is not waiting for the app" },
  push_paused: { status: 429, title: "Requests to the app are paused; scan the QR code instead" },
  push_limit: { status: 429, title: "Too many requests to the app; wait before trying again" },
  invalid_ticket: { status: 401, title: "The socket ticket is not valid" },
  invalid_client_metadata: { status: 400, title: "The client metadata is not valid" },
  client_not_found: { status: 404, title: "The client does not exist" },
  client_exists: { status: 409, title: "A client with this id already exists" },
  no_client_secret: { status: 409, title: "This client authenticates with keys, not a secret" },
  server_error: { status: 500, title: "Something went wrong on our side" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const problemType = (code: ProblemCode): string => `urn:llave:problem:${code}`;

/** A problem to answer with; thrown by routes and rendered by the app's error handler. */
export class Problem extends Error {
  override name = "Problem";
  readonly code: ProblemCode;
  readonly detail: string | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ProblemCode,
    detail?: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.code = code;
    this.detail = detail;
    this.extra = extra;
    this.headers = headers;
  }

  get status(): number {
    return PROBLEMS[this.code].status;
  }

  toResponse(): Response {
    const body = {
      type: problemType(this.code),
      title: PROBLEMS[this.code].title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      code: this.code,
      ...this.extra,
    };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { "content-type": "application/problem+json", ...this.headers },
    });
  }
}

/** A wait expressed both as a Retry-After header and as a member of the problem. */
export function retryProblem(code: ProblemCode, retryAt: number, now: number): Problem {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return new Problem(code, undefined, { retryAfter: seconds }, { "retry-after": String(seconds) });
}

/**
 * A lockout that lifts by itself at `until` (SECURITY.md: no lockout is for good), said as it
 * is: until when (Retry-After, `retryAfter` and `lockedUntil`), and who can lift it sooner.
 */
export function lockedProblem(
  code: "pin_locked" | "login_blocked" | "password_locked",
  until: number,
  now: number,
): Problem {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const lockedUntil = new Date(until).toISOString();
  const what = code === "password_locked" ? "The password is paused" : PROBLEMS[code].title;
  return new Problem(
    code,
    `${what} until ${lockedUntil}. A login with the Llave app, or a registration office, can unblock it sooner.`,
    { retryAfter: seconds, lockedUntil },
    { "retry-after": String(seconds) },
  );
}

/** Maps a login-transaction refusal to its wire problem. */
export function loginProblem(
  refusal: LoginRefusal | { reason: "login_not_found" },
  now: number,
): Problem {
  switch (refusal.reason) {
    case "login_not_found":
    case "login_expired":
    case "already_authenticated":
    case "no_pin_requested":
    case "no_otp_requested":
    case "no_password_change":
    case "no_activation":
    case "too_many_pin_requests":
    case "login_ended":
      return new Problem(refusal.reason);
    case "resend_cooldown":
    case "sms_fallback_not_yet":
      return retryProblem(refusal.reason, refusal.retryAt, now);
    default:
      return unreachable(refusal);
  }
}

export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
