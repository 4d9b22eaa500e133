/**
 * The provider's two cookies. Both `__Host-` prefixed (Secure, Path=/, no Domain), HttpOnly and
 * SameSite=Lax, with opaque high-entropy values (SECURITY.md "Browser surface"):
 *
 * - `__Host-llave-session`: the single sign-on session, `<citizen handle>.<sid>.<secret>`. The
 *   handle routes to the CitizenObject that holds the session; only a digest of the 256-bit
 *   secret is stored there.
 * - `__Host-llave-browser`: a random browser binding. A login transaction started at
 *   /authorize stores its digest, and only the browser holding it may complete the login —
 *   someone who learns a login id cannot finish that login in their own browser.
 * - `__Host-llave-frame`: the same binding for logins inside `<llave-login>`. The frame is
 *   usually cross-site to the agency's page, where browsers drop SameSite=Lax cookies, so this
 *   one is SameSite=None and Partitioned (CHIPS): it exists only under the agency's site and
 *   is of no use anywhere else.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import { HANDLE } from "../objects/ports.ts";

export const SESSION_COOKIE = "__Host-llave-session";
export const BROWSER_COOKIE = "__Host-llave-browser";
export const FRAME_COOKIE = "__Host-llave-frame";

const BASE: CookieOptions = { path: "/", secure: true, httpOnly: true, sameSite: "Lax" };

export type SessionCookie = { handle: string; sid: string; secret: string };

const PARTS = new RegExp(
  `^(${HANDLE.source.slice(1, -1)})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})$`,
);

export function readSessionCookie(c: Context): SessionCookie | null {
  const match = PARTS.exec(getCookie(c, SESSION_COOKIE) ?? "");
  if (!match) return null;
  const [, handle = "", sid = "", secret = ""] = match;
  return { handle, sid, secret };
}

export function writeSessionCookie(c: Context, cookie: SessionCookie, maxAgeSeconds: number): void {
  const value = `${cookie.handle}.${cookie.sid}.${cookie.secret}`;
  setCookie(c, SESSION_COOKIE, value, { ...BASE, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { ...BASE });
}

const BROWSER_VALUE = /^[A-Za-z0-9_-]{43}$/;

const FRAME: CookieOptions = { ...BASE, sameSite: "None", partitioned: true };

/** The binding of a full-page login, or with `framed` of a login inside `<llave-login>`. */
export const readBrowserCookie = (c: Context, framed = false): string | null => {
  const value = getCookie(c, framed ? FRAME_COOKIE : BROWSER_COOKIE) ?? "";
  return BROWSER_VALUE.test(value) ? value : null;
};

/** Keeps the browser's binding if it has one, so that two tabs logging in do not clash. */
export function ensureBrowserCookie(c: Context, fresh: () => string, framed = false): string {
  const value = readBrowserCookie(c, framed) ?? fresh();
  setCookie(c, framed ? FRAME_COOKIE : BROWSER_COOKIE, value, {
    ...(framed ? FRAME : BASE),
    maxAge: 86_400,
  });
  return value;
}
