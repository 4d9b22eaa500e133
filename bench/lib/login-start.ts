/**
 * How the PIN, password and mobile benchmarks start a login: the only way there is, an agency's
 * authorization endpoint (`GET /authorize` → `302 /login/{loginId}`), from a browser that holds
 * the login binding cookie. Every `/api/logins/{loginId}/…` step must then carry that cookie,
 * or the worker answers `403 login_other_browser` (worker/src/login/browser-binding.ts).
 *
 * Each load generator is one browser: a fixed binding cookie of its own, sent on every request
 * (a default header of its HTTP client). /authorize keeps a valid binding cookie it is sent
 * (`ensureBrowserCookie`), so one cookie binds every login the generator starts, and no cookie
 * jar sits in the measured path.
 *
 * The agency is a client each bench registers through the admin API at set-up: every login
 * method (PIN, password, mobile) at `low`, as the bare `POST /api/logins` the benches used to
 * call allowed. Its codes are never redeemed, so the PKCE challenge and the state are fixed.
 */
import { randomBytes } from "node:crypto";
import {
  type Client,
  expectStatus,
  FunctionalError,
  header,
  type Reply,
  setCookies,
} from "./http.ts";

/** The agency every benchmark login is started for; the redirect goes to a closed port. */
export const LOGIN_CLIENT = {
  id: "bench-login-agency",
  name: "Bench login agency",
  redirectUri: "http://127.0.0.1:9/cb",
  allowedMethods: ["pin", "password", "mobile"],
  minAcr: "low",
} as const;

/** The full-page login's binding cookie (worker/src/session/cookie.ts BROWSER_COOKIE). */
export const BROWSER_COOKIE = "__Host-llave-browser";

/**
 * A load generator's binding cookie, as a `Cookie` header: 256 random bits in base64url (43
 * characters), the form /authorize keeps rather than replaces.
 */
export function browserCookie(): string {
  return `${BROWSER_COOKIE}=${randomBytes(32).toString("base64url")}`;
}

/** The authorization request every benchmark login starts with (RFC 7636's example challenge). */
export const AUTHORIZE_PATH = `/authorize?${new URLSearchParams({
  response_type: "code",
  client_id: LOGIN_CLIENT.id,
  redirect_uri: LOGIN_CLIENT.redirectUri,
  scope: "openid",
  state: "bench",
  code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  code_challenge_method: "S256",
})}`;

/** The step's label in reports and errors. */
export const START_STEP = "GET /authorize → login";

/** `POST /admin/clients`: registers LOGIN_CLIENT (its secret is never used). */
export async function registerLoginClient(http: Client, adminToken: string): Promise<void> {
  const reply = await http.send({
    method: "POST",
    path: "/admin/clients",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: LOGIN_CLIENT.id,
      name: LOGIN_CLIENT.name,
      redirectUris: [LOGIN_CLIENT.redirectUri],
      allowedMethods: LOGIN_CLIENT.allowedMethods,
      minAcr: LOGIN_CLIENT.minAcr,
      scopes: ["openid"],
      subjectType: "public",
    }),
  });
  expectStatus("POST /admin/clients (the bench's login agency)", reply, 201);
}

/**
 * The login id of `/authorize`'s answer: a 302 to `/login/{loginId}` that (re)sets the binding
 * cookie the request carried.
 */
export function loginIdFrom(reply: Reply): string {
  const loginId = /\/login\/([A-Za-z0-9_-]{22})$/.exec(header(reply, "location") ?? "")?.[1];
  if (reply.status !== 302 || loginId === undefined) {
    throw new FunctionalError(
      `${START_STEP}: expected 302 to /login/{id}, got ${reply.status} ` +
        `${header(reply, "location") ?? reply.text.slice(0, 300)}`,
    );
  }
  if (!setCookies(reply).some((line) => line.startsWith(`${BROWSER_COOKIE}=`))) {
    throw new FunctionalError(`${START_STEP}: no ${BROWSER_COOKIE} cookie set`);
  }
  return loginId;
}

/**
 * Starts a login at LOGIN_CLIENT's /authorize with `http`, whose default headers carry the
 * generator's binding cookie; `headers` adds to them (the password bench's client address).
 */
export async function startLogin(http: Client, headers?: Record<string, string>): Promise<string> {
  return loginIdFrom(
    await http.send({ method: "GET", path: AUTHORIZE_PATH, ...(headers ? { headers } : {}) }),
  );
}
