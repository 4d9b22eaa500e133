/**
 * The password method's second factor from the citizen app (docs/password.md "The code from
 * the app"):
 *   POST /api/logins/{loginId}/otp/app   { code } → authenticated, as with the SMS code
 *
 * Only a login at `second_factor` takes it, that is after a right password (or from a password
 * session), so the citizen is known and saying that they have no app (`no_app_device`) reveals
 * nothing. The codes the citizen's active devices show within ±1 step are computed here
 * (totp.ts); the citizen's object then decides in one synchronous step (totp-check.ts): the
 * accepted step, or the failure on the account-wide counter, is written before anything else
 * is awaited.
 */
import { Hono } from "hono";
import { afterResponse, requester } from "../../api/request-context.ts";
import { jsonBody, requireJson } from "../../api/validate.ts";
import type { AppDeps } from "../../app.ts";
import { meetsLevel, minLevel } from "../../assurance/levels.ts";
import { lockedProblem, loginProblem, Problem, retryProblem, unreachable } from "../../errors.ts";
import type { Authentication } from "../../login/login-transaction.ts";
import { appCodeTarget } from "../../login/password-steps.ts";
import { deviceLevel } from "../mobile/device-level.ts";
import { PASSWORD_APP_OTP_AMR, passwordLevel } from "./password-levels.ts";
import { authenticated } from "./password-routes.ts";
import { AppCodeRequest } from "./password-schemas.ts";
import { openTotpSeed, totpBox, totpCandidates } from "./totp.ts";

export function totpRoutes(deps: AppDeps): Hono {
  const { config, audit, citizens, devices, logins, clock } = deps;
  const box = totpBox(deps);
  const app = new Hono();

  /** The seeds of the citizen's active devices; one that does not open counts as none. */
  async function seedsOf(citizenId: string) {
    const sealed = await devices.totpSecrets(citizenId);
    const opened = await Promise.all(
      sealed.map(async ({ deviceId, sealed, waitEndsAt }) => ({
        deviceId,
        waitEndsAt,
        seed: await openTotpSeed(box, deviceId, sealed),
      })),
    );
    return opened.flatMap(({ seed, ...device }) => (seed ? [{ ...device, seed }] : []));
  }

  app.post("/:loginId/otp/app", requireJson, jsonBody(AppCodeRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const { code } = c.req.valid("json");
    const now = clock.now();
    const login = logins.get(loginId);
    const tx = await login.get();
    if (!tx) throw new Problem("login_not_found");
    const target = appCodeTarget(tx, now);
    if (!target.ok) throw loginProblem(target, now);
    const { citizenKey: citizenId, registration } = target;
    // The second factor always names a citizen; this guards the invariant, not a real path.
    if (registration === null) throw new Problem("no_otp_requested");

    const seeds = await seedsOf(citizenId);
    if (seeds.length === 0) throw new Problem("no_app_device");
    const checked = await citizens.verifyTotp(citizenId, {
      code,
      candidates: totpCandidates(seeds, now),
      now,
    });
    const base = { ...requester(c, "citizen", loginId), at: now, citizenId };
    switch (checked.outcome) {
      case "verified": {
        // The code is worth what its device is worth now: `low` in its binding wait.
        const device = seeds.find((s) => s.deviceId === checked.deviceId);
        const acr = minLevel(
          passwordLevel(config, registration, true),
          device ? deviceLevel(device, config.assurance.passwordOtp, now) : "low",
        );
        const required = tx.authorization?.acr ?? "low";
        if (!meetsLevel(acr, required)) {
          // Refused before the login is authenticated, so the SMS code can still get there.
          throw new Problem(
            "device_waiting",
            "This app was activated recently; use the code sent by SMS",
            device ? { waitEndsAt: device.waitEndsAt } : {},
          );
        }
        const auth: Authentication = {
          citizenId,
          method: "password",
          amr: PASSWORD_APP_OTP_AMR,
          acr,
          authTime: Math.floor(now / 1000),
        };
        const done = await login.otpAccepted({ citizenId, auth, now, via: "app" });
        if (!done.ok) throw loginProblem(done, now);
        afterResponse(c, () =>
          audit.append({
            ...base,
            event: "otp.verified",
            detail: { purpose: "second_factor", channel: "app", deviceId: checked.deviceId },
          }),
        );
        return c.json(authenticated(auth));
      }
      case "wrong_code":
        afterResponse(c, () =>
          audit.append({
            ...base,
            event: "otp.failed",
            detail: { purpose: "second_factor", channel: "app", lockedNow: checked.lockedNow },
          }),
        );
        // No `triesLeft`: a TOTP has no tries of its own; the account-wide counter limits.
        throw new Problem("invalid_otp", "The code is not correct; type the one the app shows now");
      case "replayed":
        throw new Problem("otp_used", "This code was already used; wait for the app's next one");
      case "backoff":
        throw retryProblem("login_backoff", checked.retryAt, now);
      case "locked":
        throw lockedProblem("login_blocked", checked.until, now);
      default:
        return unreachable(checked);
    }
  });

  return app;
}
