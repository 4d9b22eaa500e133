/**
 * The binding of a login transaction to the browser (or `<llave-login>` frame) that started
 * it (SECURITY.md "Login transactions and accounts"). /authorize and /account/login set a
 * random cookie and store only its digest in the transaction; every page and API step of the
 * login then presents the cookie. Someone who learns a login id — from a link an attacker sent,
 * or by shoulder-surfing — can neither advance the login nor finish it: a login an attacker
 * started cannot be completed by a victim on the attacker's behalf, nor the reverse.
 *
 * A framed login's cookie is the partitioned `__Host-llave-frame`, so the framed login and a
 * full-page login in the same browser never vouch for each other.
 */
import type { Context } from "hono";
import { constantTimeEqual } from "../crypto/constant-time.ts";
import { sha256 } from "../crypto/digest.ts";
import { readBrowserCookie } from "../session/cookie.ts";
import type { LoginTransaction } from "./login-transaction.ts";

/**
 * Whether this request comes from the browser that started `tx`. A transaction without a
 * browser digest (a CIBA login, or one answered from the session at once) has no page and no
 * browser steps, so no browser is its own.
 */
export async function fromStartingBrowser(
  c: Context,
  tx: Pick<LoginTransaction, "authorization" | "browser">,
): Promise<boolean> {
  if (!tx.authorization || !tx.browser) return false;
  const cookie = readBrowserCookie(c, tx.authorization.responseMode.kind === "web_message");
  return cookie !== null && constantTimeEqual(await sha256(cookie), tx.browser);
}
