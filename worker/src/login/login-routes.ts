/**
 * Login transactions:
 *   POST /api/logins            start one (the OIDC issue will start them from /authorize)
 *   GET  /api/logins/{loginId}  where it stands
 * and the methods' routes mounted under /api/logins/{loginId}/.
 */
import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { acrUri } from "../assurance/levels.ts";
import { randomToken } from "../crypto/random.ts";
import { Problem, unreachable } from "../errors.ts";
import { mobileLoginRoutes } from "../methods/mobile/mobile-login-routes.ts";
import { activationRoutes } from "../methods/password/activation-routes.ts";
import type { PasswordHasher } from "../methods/password/password-hasher.ts";
import { passwordRoutes } from "../methods/password/password-routes.ts";
import { totpRoutes } from "../methods/password/totp-routes.ts";
import { pinRoutes } from "../methods/pin/pin-routes.ts";
import type { LoginTransaction } from "./login-transaction.ts";

/** 128-bit ids in base64url: anything else cannot name a transaction. */
export const LOGIN_ID = /^[A-Za-z0-9_-]{22}$/;

export function loginRoutes(deps: AppDeps, hasher: PasswordHasher): Hono {
  const { config, logins, clock, random } = deps;
  const app = new Hono();

  app.use("/:loginId/*", async (c, next) => {
    if (!LOGIN_ID.test(c.req.param("loginId") ?? "")) throw new Problem("login_not_found");
    await next();
  });

  app.post("/", async (c) => {
    const id = randomToken(random, 128);
    const tx = await logins.get(id).start({ id, now: clock.now(), ttlMs: config.loginTtlMs });
    if (!tx) throw new Problem("server_error", "Could not start a login; try again");
    c.header("location", `/api/logins/${id}`);
    return c.json({ loginId: tx.id, expiresAt: tx.expiresAt }, 201);
  });

  app.get("/:loginId", async (c) => {
    const loginId = c.req.param("loginId");
    if (!LOGIN_ID.test(loginId)) throw new Problem("login_not_found");
    const tx = await logins.get(loginId).get();
    if (!tx) throw new Problem("login_not_found");
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
