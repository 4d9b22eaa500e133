/**
 * The app API (docs/mobile.md "App API") as the citizen app calls it: same origin, JSON in,
 * JSON or `application/problem+json` out, every request but the first activation step proved
 * with the device key (./proof.ts).
 *
 * The server sends a `DPoP-Nonce` with every answer; the latest is kept and put in the next
 * proof. A `401 use_dpop_nonce` is retried once with the nonce it carries. A `401
 * device_unknown` means the key is no longer a device of anyone's: `onDeviceUnknown` is told
 * (the app forgets the key). The answers' `Date` header keeps a server clock, so proofs'
 * `iat` and the countdowns hold on a phone whose clock is off.
 */
import { createProof, type DeviceKeys } from "./proof.ts";

export type Level = "low" | "substantial" | "high";

export type Device = {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  status: "active" | "revoked";
  current: boolean;
};

export type Citizen = { givenName: string; familyName: string; document: string; level: Level };

export type Approval = {
  id: string;
  mode: "qr" | "push" | "ciba";
  agency: string;
  location: string | null;
  browser: string | null;
  choices: number[];
  bindingMessage: string | null;
  expiresAt: number;
};

export type InboxItem =
  | {
      id: string;
      kind: "pin";
      createdAt: number;
      expiresAt: number;
      pin: string;
      agency: string | null;
    }
  | { id: string; kind: "approval"; createdAt: number; expiresAt: number; approval: Approval };

export type ContrastDatum = { kind: string; value: string };
export type Identity = { document: string; contrast: ContrastDatum };

export type ActivationStarted = { activationId: string; expiresIn: number; resendAfter: number };
export type RegisterDevice = Identity & { activationId: string; code: string; name: string };
/** The seed of this device's step-up codes (RFC 6238), answered once, at registration. */
export type TotpSetup = { secret: string; algorithm: string; digits: number; period: number };
export type Registered = { device: Device; citizen: Citizen; revoked: number; totp: TotpSetup };

export type Decision =
  | { decision: "approve"; number: number }
  | { decision: "decline" }
  | { decision: "not_me" };
export type Answered = { status: "approved" | "declined" | "reported" };

/** A problem document's `code` and the extension members the screens read. */
export type Problem = {
  code: string;
  status?: number;
  reason?: string;
  triesLeft?: number;
  retryAfter?: number;
};

export type ApiResult<T> = { ok: true; body: T } | { ok: false; problem: Problem };

export type AppApiOptions = {
  /** The issuer's origin: `htu` is this plus the path. */
  origin: string;
  /** The device key, or null before one exists (only activation works then). */
  keys(): DeviceKeys | null;
  /** The key was revoked or never registered (401 device_unknown). */
  onDeviceUnknown?(): void;
};

const NETWORK: Problem = { code: "network" };

/** The app API with its DPoP nonce and server clock. */
export function appApi(options: AppApiOptions) {
  let nonce: string | null = null;
  let skew = 0;

  const learn = (response: Response) => {
    nonce = response.headers.get("dpop-nonce") ?? nonce;
    const date = Date.parse(response.headers.get("date") ?? "");
    // Date has whole seconds: only a difference beyond that is worth correcting.
    if (!Number.isNaN(date) && Math.abs(date - Date.now()) > 2000) skew = date - Date.now();
  };

  /** `keys`: the device key, the given one (activation's new key), or none (no proof). */
  async function send(
    method: string,
    path: string,
    body: string | undefined,
    keys: DeviceKeys | null,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (keys) {
      headers.dpop = await createProof(keys, {
        method,
        url: `${options.origin}${path}`,
        nonce,
        body: body ?? null,
        now: Date.now() + skew,
      });
    }
    const init: RequestInit = { method, headers, cache: "no-store", credentials: "same-origin" };
    if (body !== undefined) init.body = body;
    return fetch(path, init);
  }

  async function call<T>(
    method: string,
    path: string,
    payload?: unknown,
    keys: DeviceKeys | null | undefined = options.keys(),
  ): Promise<ApiResult<T>> {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    let response: Response;
    let json: Record<string, unknown> | null = null;
    try {
      for (let attempt = 0; ; attempt++) {
        response = await send(method, path, body, keys ?? null);
        learn(response);
        json =
          response.status === 204
            ? null
            : ((await response.json().catch(() => null)) as Record<string, unknown> | null);
        const retry = response.status === 401 && json?.code === "use_dpop_nonce" && attempt === 0;
        if (!retry) break;
      }
    } catch {
      return { ok: false, problem: NETWORK };
    }
    if (response.ok) return { ok: true, body: json as T };
    const code = typeof json?.code === "string" ? json.code : "unknown";
    if (code === "device_unknown") options.onDeviceUnknown?.();
    return { ok: false, problem: { ...(json ?? {}), code, status: response.status } as Problem };
  }

  const device = (id: string) => `/api/app/devices/${encodeURIComponent(id)}`;

  return {
    /** Milliseconds since the epoch on the server's clock (as the last answer told it). */
    now: () => Date.now() + skew,
    /** Step 1 of activation, the one request without a proof: the SMS code goes out. */
    startActivation: (identity: Identity) =>
      call<ActivationStarted>("POST", "/api/app/activation", identity, null),
    /** Step 2: registers `keys`, the new key the proof is made with, as this citizen's device. */
    registerDevice: (keys: DeviceKeys, request: RegisterDevice) =>
      call<Registered>("POST", "/api/app/devices", request, keys),
    /** `keys`: ask with a key that is not the app's yet (an activation whose answer was lost). */
    me: (keys?: DeviceKeys) =>
      call<{ device: Device; citizen: Citizen }>("GET", "/api/app/me", undefined, keys),
    inbox: () => call<{ items: InboxItem[] }>("GET", "/api/app/inbox"),
    socketTicket: () =>
      call<{ ticket: string; expiresIn: number }>("POST", "/api/app/socket-ticket"),
    scanQr: (payload: string) => call<{ approval: Approval }>("POST", "/api/app/qr", { payload }),
    answer: (approvalId: string, decision: Decision) =>
      call<Answered>("POST", `/api/app/approvals/${encodeURIComponent(approvalId)}`, decision),
    devices: () => call<{ devices: Device[] }>("GET", "/api/app/devices"),
    renameDevice: (id: string, name: string) => call<Device>("PATCH", device(id), { name }),
    revokeDevice: (id: string) => call<undefined>("DELETE", device(id)),
  };
}

export type AppApi = ReturnType<typeof appApi>;
