/**
 * Activating a permanent password (docs/password.md "Activation codes"):
 *   POST /api/logins/{loginId}/activation            document + contrast datum + activation code
 *   POST /api/logins/{loginId}/activation/password   the new password, once the SMS code matched
 * (the SMS code itself is checked by POST /otp/verify, password-routes.ts).
 *
 * The first answer is the same whatever was typed: the SMS code goes out only when the
 * document, the contrast datum and a live activation code all match; otherwise a decoy holds a
 * code nothing can match, and the citizen's data stay unconfirmed. Each entry of an activation
 * code is counted against it before it is compared, so 5 wrong entries block it however they
 * race; the code is consumed in the same transaction that stores the password.
 */
import { Hono } from "hono";
import { requireContrastDatum, requireDocument } from "../../api/identity-input.ts";
import { afterResponse, requester } from "../../api/request-context.ts";
import { jsonBody, requireJson } from "../../api/validate.ts";
import type { AppDeps } from "../../app.ts";
import { constantTimeEqual } from "../../crypto/constant-time.ts";
import { loginProblem, Problem } from "../../errors.ts";
import { sameContrastDatum } from "../../identity/contrast-datum.ts";
import { decoyKey } from "../pin/pin-code.ts";
import { activationCodeDigest, normaliseActivationCode } from "./activation-code.ts";
import { otpSentBody, sendOtp } from "./otp.ts";
import type { PasswordHasher } from "./password-hasher.ts";
import { checkIpLimit, hashOrBusy, notify, requireGoodPassword } from "./password-routes.ts";
import { ActivationRequest, NewPasswordRequest } from "./password-schemas.ts";

export function activationRoutes(deps: AppDeps, hasher: PasswordHasher): Hono {
  const { config, accounts, audit, citizens, credentials, logins, clock } = deps;
  const app = new Hono();

  app.post("/:loginId/activation", requireJson, jsonBody(ActivationRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const body = c.req.valid("json");
    const document = requireDocument(body.document);
    const datum = requireContrastDatum(document, body.contrast);
    const typed = normaliseActivationCode(body.activationCode);
    if (!typed) {
      throw new Problem("invalid_activation_code", "An activation code is 16 letters and digits");
    }
    const now = clock.now();
    await checkIpLimit(deps, c, "activation", now);

    const found = await accounts.findByDocument(document.type, document.number);
    const holder =
      found !== null &&
      found.status === "active" &&
      found.registrationLevel === "advanced" &&
      sameContrastDatum(datum, { kind: found.contrastKind, value: found.contrastValue })
        ? found
        : null;
    const { activationCodeMaxTries: maxTries } = config.password;
    // Every path makes the same queries — a decoy key stands in for the citizen and the code
    // that are not there, and finds nothing — so that the time the answer takes does not tell
    // whether the document and the contrast datum matched, nor whether the code did.
    const decoy = await decoyKey(config.pinPepper, document);
    const code = await credentials.liveActivationCode(holder?.id ?? decoy, now, maxTries);
    const digest = await activationCodeDigest(config.password.pepper, typed);
    const tried = await credentials.reserveActivationTry(code?.id ?? decoy, now, maxTries);
    const matched = tried && code !== null && constantTimeEqual(code.digest, digest);
    await credentials.releaseActivationTry(matched ? code.id : decoy);
    const citizen = matched ? holder : null;
    const citizenKey = citizen?.id ?? decoy;

    const step = await logins.get(loginId).activationStarted({
      citizenKey,
      registration: citizen?.registrationLevel ?? null,
      codeId: matched ? code.id : null,
      now,
    });
    if (!step.ok) throw loginProblem(step, now);
    await sendOtp(deps, c, { loginId, citizenKey, citizen, now });

    if (holder && !matched) {
      afterResponse(c, () =>
        audit.append({
          ...requester(c, "anonymous", loginId),
          event: "activation_code.failed",
          at: now,
          citizenId: holder.id,
          detail: { live: code !== null, counted: tried },
        }),
      );
    }
    return c.json(otpSentBody(deps, null), 202);
  });

  app.post(
    "/:loginId/activation/password",
    requireJson,
    jsonBody(NewPasswordRequest),
    async (c) => {
      const loginId = c.req.param("loginId");
      const { password } = c.req.valid("json");
      const now = clock.now();
      const login = logins.get(loginId);
      const target = await login.activationTarget(now);
      if (!target.ok) throw loginProblem(target, now);
      const citizen = await accounts.findById(target.citizenId);
      if (!citizen) throw new Problem("no_activation");
      requireGoodPassword(deps, citizen, password);
      const hash = await hashOrBusy(hasher, password);
      const expiresAt = now + config.password.validityMs;
      const stored = await credentials.setPassword(
        { citizenId: citizen.id, hash, setAt: now, expiresAt },
        [
          {
            ...requester(c, "citizen", loginId),
            event: "password.activated",
            at: now,
            citizenId: citizen.id,
            detail: { codeId: target.codeId },
          },
        ],
        { codeId: target.codeId, now, maxTries: config.password.activationCodeMaxTries },
      );
      if (!stored) {
        throw new Problem(
          "activation_code_invalid",
          "The activation code was used, replaced or has expired; ask for a new one",
        );
      }
      // A password set with an activation code is how a blocked password is unblocked.
      await citizens.resetPasswordGuard(citizen.id);
      const done = await login.activated(now);
      if (!done.ok) throw loginProblem(done, now);
      afterResponse(c, () => notify(deps, citizen, "activated", c));
      return c.json({ status: "activated" as const, expiresAt });
    },
  );

  return app;
}
