/**
 * The login API (docs/api.md) as the app uses it: same origin, JSON in, JSON or
 * `application/problem+json` out. A problem keeps its `code` and extension members
 * (`reason`, `triesLeft`, `retryAfter`), which the screens turn into messages.
 */
export type Problem = {
  code: string;
  reason?: string;
  triesLeft?: number;
  retryAfter?: number;
};

export type ApiResult<T> = { ok: true; body: T } | { ok: false; problem: Problem };

export type PinRequested = {
  status: "pin_requested";
  channel: "app" | "sms";
  expiresIn: number;
  resendAfter: number;
  smsFallbackAfter: number | null;
};

export type GetPin = {
  document: string;
  contrast: { kind: string; value: string };
  personalCode?: string;
  channel: "app" | "sms";
};

const NETWORK: Problem = { code: "network" };

async function post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
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

export function loginApi(loginId: string) {
  const base = `/api/logins/${encodeURIComponent(loginId)}`;
  return {
    getPin: (request: GetPin) => post<PinRequested>(`${base}/pin`, request),
    verifyPin: (pin: string, personalCode?: string) =>
      post<{ status: "authenticated" }>(`${base}/pin/verify`, {
        pin,
        ...(personalCode ? { personalCode } : {}),
      }),
  };
}

export type LoginApi = ReturnType<typeof loginApi>;
