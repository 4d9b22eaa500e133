/**
 * The login API of a transaction that /authorize (or the citizen's area, /account/login)
 * started and bound to a browser:
 *   GET  /api/logins/{loginId}  where it stands
 * and the methods' routes mounted under /api/logins/{loginId}/.
 *
 * There is no way to start a login here: a login always carries an agency's (or the area's)
 * request and the browser binding, so no client-less oracle on PINs or passwords exists. Every
 * step is refused to any other browser before a method sees it (login/browser-binding.ts).
 */
import { type Context, Hono, type Next } from "hono";
import type { AppDeps } from "../app.ts";
import { acrUri } from "../assurance/levels.ts";
import { Problem, unreachable } from "../errors.ts";
import { mobileLoginRoutes } from "../methods/mobile/mobile-login-routes.ts";
import { activationRoutes } from "../methods/password/activation-routes.ts";
import type { PasswordHasher } from "../methods/password/password-hasher.ts";
import { passwordRoutes } from "../methods/password/password-routes.ts";
import { totpRoutes } from "../methods/password/totp-routes.ts";
import { pinRoutes } from "../methods/pin/pin-routes.ts";
import { fromStartingBrowser } from "./browser-binding.ts";
import type { LoginTransaction } from "./login-transaction.ts";

/** 128-bit ids in base64url: anything else cannot name a transaction. */
export const LOGIN_ID = /^[A-Za-z0-9_-]{22}$/;

type Bound = { Variables: { tx: LoginTransaction } };

export function loginRoutes(deps: AppDeps, hasher: PasswordHasher): Hono<Bound> {
  const { logins, clock } = deps;
  const app = new Hono<Bound>();

  // One guard for the status and every method's step: the transaction exists and this is the
  // browser that started it. Refused before any method runs, so that no step (a PIN, a
  // password, a push, a new password) can be taken from another browser.
  const bound = async (c: Context<Bound>, next: Next) => {
    const loginId = c.req.param("loginId") ?? "";
    const tx = LOGIN_ID.test(loginId) ? await logins.get(loginId).get() : null;
    if (!tx) throw new Problem("login_not_found");
    if (!(await fromStartingBrowser(c, tx))) throw new Problem("login_other_browser");
    c.set("tx", tx);
    await next();
  };
  app.use("/:loginId", bound);
  app.use("/:loginId/*", bound);

  app.get("/:loginId", async (c) => {
    const tx = c.get("tx");
    if (tx.step.kind !== "authenticated" && clock.now() >= tx.expiresAt) {
      throw new Problem("login_expired");
    }
    return c.json(loginStatus(tx));
  });

  app.route("/", pinRoutes(deps));
  app.route("/", passwordRoutes(deps, hasher));
  app.route("/", totpRoutes(deps));
  app.route("/", activationRoutes(deps, hasher));
  app.route("/", mobileLoginRoutes(deps));
  return app;
}

function loginStatus(tx: LoginTransaction): Record<string, unknown> {
  const base = { loginId: tx.id, status: tx.step.kind, expiresAt: tx.expiresAt };
  switch (tx.step.kind) {
    case "started":
      return base;
    case "pin_sent":
      return {
        ...base,
        pin: { channel: tx.step.channel, sentAt: tx.step.sentAt, requests: tx.pinRequests },
      };
    case "change_required":
    case "second_factor":
    case "activation_otp":
    case "choose_password":
      return base;
    case "mobile_waiting":
      return { ...base, mobile: { mode: tx.step.mode, expiresAt: tx.step.expiresAt } };
    case "mobile_ended":
      return { ...base, mobile: { mode: tx.step.mode, reason: tx.step.reason } };
    case "authenticated": {
      const { citizenId, method, amr, acr, authTime } = tx.step;
      return { ...base, authentication: { citizenId, method, amr, acr: acrUri(acr), authTime } };
    }
    default:
      return unreachable(tx.step);
  }
}
