/**
 * The login API (docs/api.md) as the app uses it: same origin, JSON in, JSON or
 * `application/problem+json` out. A problem keeps its `code` and extension members
 * (`reason`, `reasons`, `triesLeft`, `retryAfter`, `lockedUntil`), which the screens turn into
 * messages.
 * The password endpoints are in docs/password.md ("Login API"), the mobile ones in
 * docs/mobile.md ("Login API").
 */
export type Problem = {
  code: string;
  reason?: string;
  /** `weak_password`: every rule the password breaks (PasswordReason). */
  reasons?: string[];
  triesLeft?: number;
  retryAfter?: number;
  /** A lockout that ends by itself: when (ISO 8601). */
  lockedUntil?: string;
};

export type ApiResult<T> = { ok: true; body: T } | { ok: false; problem: Problem };

export type PinRequested = {
  status: "pin_requested";
  channel: "app" | "sms";
  expiresIn: number;
  resendAfter: number;
  smsFallbackAfter: number | null;
  /** PINs this login may still ask for; 0: no resend, no SMS fallback. */
  requestsLeft: number;
};

export type GetPin = {
  document: string;
  contrast: { kind: string; value: string };
  personalCode?: string;
  channel: "app" | "sms";
};

/** An SMS code went out (step-up after the password, or activation), or would have. */
export type OtpSent = {
  status: "otp_sent";
  channel: "sms";
  expiresIn: number;
  resendAfter: number;
  /** The registered mobile, masked ("•••••••12"); null when the answer must not tell. */
  mobileHint: string | null;
};

/** What a correct password (or a changed one) leads to. */
export type PasswordAnswer = { status: "authenticated" } | { status: "change_required" } | OtpSent;

export type StartActivation = {
  document: string;
  contrast: { kind: string; value: string };
  activationCode: string;
};

/** `expiresAt`: the new password's expiry, epoch milliseconds or an ISO 8601 date-time. */
export type Activated = { status: "activated"; expiresAt: number | string };

/** Where the mobile login stands (docs/mobile.md, "Login API"). */
export type MobileStatus = {
  mode: "qr" | "push";
  status:
    | "waiting"
    | "scanned"
    | "authenticated"
    | "declined"
    | "not_me"
    | "wrong_number"
    | "expired";
  /** Grows with every change of `status`; the long poll answers at once when it moved on. */
  version: number;
  /** The two-digit number the citizen picks in the app (number matching); null once it ended. */
  number: number | null;
  /** Epoch milliseconds (server clock) when the QR or the request lapses; null once it ended. */
  expiresAt: number | null;
  /** The QR's current payload; null once scanned, or in push mode. */
  frame: string | null;
};

export type StartPush = { document: string; contrast: { kind: string; value: string } };

const NETWORK: Problem = { code: "network" };

async function send<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: init.body
        ? { "content-type": "application/json", accept: "application/json" }
        : { accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, problem: NETWORK };
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && json) return { ok: true, body: json as T };
  const code = typeof json?.code === "string" ? json.code : "unknown";
  return { ok: false, problem: { ...(json ?? {}), code } as Problem };
}

const post = <T>(path: string, body: unknown) =>
  send<T>(path, { method: "POST", body: JSON.stringify(body) });

export function loginApi(loginId: string) {
  const base = `/api/logins/${encodeURIComponent(loginId)}`;
  return {
    getPin: (request: GetPin) => post<PinRequested>(`${base}/pin`, request),
    verifyPin: (pin: string, personalCode?: string) =>
      post<{ status: "authenticated" }>(`${base}/pin/verify`, {
        pin,
        ...(personalCode ? { personalCode } : {}),
      }),
    logInWithPassword: (document: string, password: string) =>
      post<PasswordAnswer>(`${base}/password`, { document, password }),
    /** After `change_required`: the expired password's replacement. */
    changePassword: (password: string) =>
      post<PasswordAnswer>(`${base}/password/change`, { password }),
    /** Sends, or sends again, the step-up or activation SMS code. */
    sendOtp: () => post<OtpSent>(`${base}/otp`, {}),
    verifyOtp: (code: string) =>
      post<{ status: "authenticated" } | { status: "choose_password" }>(`${base}/otp/verify`, {
        code,
      }),
    /** The step-up's other second factor: the code the Llave app shows now. */
    verifyAppCode: (code: string) => post<{ status: "authenticated" }>(`${base}/otp/app`, { code }),
    startActivation: (request: StartActivation) => post<OtpSent>(`${base}/activation`, request),
    /** After `choose_password`: the password the activation code unlocks. */
    setActivationPassword: (password: string) =>
      post<Activated>(`${base}/activation/password`, { password }),
    /** Starts QR mode, or starts it again with a new QR after `expired`. */
    startQr: () => post<MobileStatus>(`${base}/mobile/qr`, {}),
    /** Sends the request to the citizen's app; the same answer whether or not there is one. */
    startPush: (request: StartPush) => post<MobileStatus>(`${base}/mobile/push`, request),
    /**
     * Long-polled (about a second at most): answers at once when the status moved past
     * `after`, else with the next QR frame. `signal` ends the wait when the screen is left.
     */
    mobileStatus: (after: number, signal?: AbortSignal) =>
      send<MobileStatus>(`${base}/mobile?after=${after}`, {
        method: "GET",
        cache: "no-store",
        ...(signal ? { signal } : {}),
      }),
  };
}

export type LoginApi = ReturnType<typeof loginApi>;
