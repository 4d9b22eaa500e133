/**
 * The PIN login endpoints (BRIEF.md "PIN"):
 *   POST /api/logins/{loginId}/pin          "Get PIN"
 *   POST /api/logins/{loginId}/pin/verify   check the PIN and authenticate the transaction
 *
 * "Get PIN" does the same work and gives the same answer whether or not the document and
 * contrast datum match a citizen: an unknown citizen gets a decoy CitizenObject holding a
 * digest no PIN can match, and delivery and audit run after the answer is sent.
 */
import { Hono } from "hono";
import { requireContrastDatum, requireDocument } from "../../api/identity-input.ts";
import { afterResponse, requester } from "../../api/request-context.ts";
import { jsonBody, requireJson } from "../../api/validate.ts";
import type { AppDeps } from "../../app.ts";
import {
  type AssuranceLevel,
  acrUri,
  assertedLevel,
  meetsLevel,
  type RegistrationLevel,
} from "../../assurance/levels.ts";
import { randomToken } from "../../crypto/random.ts";
import { lockedProblem, loginProblem, Problem, retryProblem, unreachable } from "../../errors.ts";
import { citizenTexts } from "../../i18n/server-i18n.ts";
import { sameContrastDatum } from "../../identity/contrast-datum.ts";
import type { AuditEvent } from "../../storage/audit-log.ts";
import { weakestDeviceLevel } from "../mobile/device-level.ts";
import { agencyOf } from "../mobile/mobile-login-routes.ts";
import { pinItem } from "../mobile/mobile-message.ts";
import type { PinChannel } from "./pin-challenge.ts";
import {
  DECOY_PREFIX,
  decoyKey,
  generatePin,
  normalisePersonalCode,
  PERSONAL_CODE,
  pinDigest,
} from "./pin-code.ts";
import { lockNotices, pinMessage } from "./pin-message.ts";
import { GetPinRequest, VerifyPinRequest } from "./pin-schemas.ts";

/**
 * RFC 8176 method references for a PIN login. A personal code adds none: it is chosen on the
 * spot by whoever asks for the PIN, so it is no knowledge factor (`pin`) and never makes a
 * second one (`mfa`).
 */
export function pinAmr(channel: PinChannel): string[] {
  return channel === "sms" ? ["otp", "sms"] : ["otp", "mca"];
}

export function pinRoutes(deps: AppDeps): Hono {
  const { config, accounts, audit, citizens, apps, logins, delivery, clock, random } = deps;
  const app = new Hono();

  app.post("/:loginId/pin", requireJson, jsonBody(GetPinRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const body = c.req.valid("json");
    const document = requireDocument(body.document);
    const datum = requireContrastDatum(document, body.contrast);
    // The app channel is the app's inbox, always there; SMS needs its gateway.
    if (body.channel === "sms" && !delivery.supports("sms")) {
      throw new Problem("channel_unavailable", "PINs cannot be sent by sms here");
    }
    const personalCode = body.personalCode;
    if (personalCode !== undefined && !PERSONAL_CODE.test(normalisePersonalCode(personalCode))) {
      throw new Problem("invalid_personal_code", "A personal code is exactly 4 letters or digits");
    }

    const found = await accounts.findByDocument(document.type, document.number);
    const matches =
      found !== null &&
      sameContrastDatum(datum, { kind: found.contrastKind, value: found.contrastValue }) &&
      found.status === "active";
    const citizen = matches ? found : null;
    // Computed either way, so both paths do the same work.
    const decoy = await decoyKey(config.pinPepper, document);
    const citizenKey = citizen ? citizen.id : decoy;

    const now = clock.now();
    const step = await logins.get(loginId).requestPin({
      citizenKey,
      registration: citizen?.registrationLevel ?? null,
      channel: body.channel,
      now,
    });
    if (!step.ok) throw loginProblem(step, now);

    // A registration whose cap is below the service's level cannot log in here by any
    // method: no PIN is sent that could only lead to a refusal at the end. The answer stays
    // the one an unknown document gets (the page says beforehand what a basic registration
    // can reach), so it tells nobody which registration a document has.
    const required = step.tx.authorization?.acr ?? "low";
    const reachable =
      citizen !== null &&
      meetsLevel(assertedLevel(config.assurance, citizen.registrationLevel, "high"), required);
    const pin = generatePin(random, config.pin.length);
    // Both paths compute the digest; a decoy (or a refused send) stores 256 random bits
    // instead, which no submission can ever match.
    const pinHash = await pinDigest(config.pinPepper, { loginId, pin, personalCode });
    const blindDigest = randomToken(random, 256);
    const issued = await citizens.issuePin(citizenKey, {
      loginId,
      digest: citizen && reachable ? pinHash : blindDigest,
      blindDigest,
      channel: body.channel,
      personalised: personalCode !== undefined,
      now,
      decoy: citizen === null,
    });

    const who = requester(c, "anonymous", loginId);
    afterResponse(c, async () => {
      const base = { ...who, at: now, citizenId: citizen?.id ?? null };
      const detail = { channel: body.channel, documentType: document.type };
      const requested = { ...base, event: "pin.requested" as const, detail };
      const failed = (reason: string): AuditEvent => ({
        ...base,
        at: clock.now(),
        event: "pin.delivery_failed",
        detail: { ...detail, reason },
      });
      const events = async (): Promise<AuditEvent[]> => {
        if (!citizen) return [{ ...requested, detail: { ...detail, matched: false } }];
        if (issued.outcome === "refused") {
          return [{ ...base, event: "pin.refused", detail: { ...detail, reason: issued.reason } }];
        }
        if (!reachable) {
          return [{ ...base, event: "pin.refused", detail: { ...detail, reason: "level" } }];
        }
        const lang = citizenTexts(citizen, config.timeZone, c, step.tx.authorization?.uiLocales);
        const message = pinMessage(citizen, body.channel, pin, issued.expiresAt, lang);
        if (!message) return [requested, failed("no_mobile")];
        try {
          if (body.channel === "app") {
            // Into the app's inbox (and its open sockets); the push gateway, if any, only
            // wakes the phone (delivery/gateway.ts sends no secret to it).
            const agency = await agencyOf(deps, step.tx);
            const item = pinItem({
              id: randomToken(random, 96),
              loginId,
              pin,
              agency,
              now,
              expiresAt: issued.expiresAt,
            });
            await apps.deliver(citizen.id, item);
            if (delivery.supports("app")) await delivery.send(message);
          } else {
            await delivery.send(message);
          }
          return [requested, { ...base, at: clock.now(), event: "pin.delivered", detail }];
        } catch (error) {
          return [requested, failed(error instanceof Error ? error.message : String(error))];
        }
      };
      await audit.append(...(await events()));
    });

    return c.json(
      {
        status: "pin_requested",
        channel: body.channel,
        expiresIn: config.pin.ttlMs / 1000,
        resendAfter: config.pin.resendCooldownMs / 1000,
        smsFallbackAfter: body.channel === "app" ? config.pin.smsFallbackAfterMs / 1000 : null,
        requestsLeft: Math.max(0, config.pin.maxRequestsPerLogin - step.tx.pinRequests),
      },
      202,
    );
  });

  app.post("/:loginId/pin/verify", requireJson, jsonBody(VerifyPinRequest), async (c) => {
    const loginId = c.req.param("loginId");
    const body = c.req.valid("json");
    const now = clock.now();
    const login = logins.get(loginId);
    const target = await login.pinTarget(now);
    if (!target.ok) throw loginProblem(target, now);

    const digest = await pinDigest(config.pinPepper, {
      loginId,
      pin: body.pin,
      personalCode: body.personalCode,
    });
    const result = await citizens.verifyPin(target.citizenKey, { loginId, digest, now });
    const decoy = target.citizenKey.startsWith(DECOY_PREFIX);
    const who = requester(c, "anonymous", loginId);
    const base = { ...who, at: now, citizenId: decoy ? null : target.citizenKey };

    switch (result.outcome) {
      case "verified": {
        // A decoy's digest cannot match; this guards the invariant rather than a real path.
        if (decoy || target.registration === null) throw new Problem("pin_not_active");
        const citizenId = target.citizenKey;
        const acr = await levelOf(deps, citizenId, target.registration, result.channel, now);
        const amr = pinAmr(result.channel);
        const authTime = Math.floor(now / 1000);
        const done = await login.authenticate(
          { citizenId, method: "pin", amr, acr, authTime },
          now,
        );
        if (!done.ok) throw loginProblem(done, now);
        afterResponse(c, () =>
          audit.append({
            ...base,
            actor: "citizen",
            event: "pin.verified",
            detail: { acr, channel: result.channel },
          }),
        );
        return c.json({
          status: "authenticated",
          citizenId,
          method: "pin",
          amr,
          acr: acrUri(acr),
          authTime,
        });
      }
      case "wrong_pin": {
        afterResponse(c, async () => {
          await audit.append({
            ...base,
            event: "pin.failed",
            detail: { triesLeft: result.triesLeft },
          });
          if (!result.lockedNow || decoy) return;
          // A lock is told to the citizen on every contact, so that someone attacking the
          // account cannot block it unnoticed.
          const citizen = await accounts.findById(target.citizenKey);
          const notices = citizen
            ? lockNotices(
                citizen,
                citizenTexts(citizen, config.timeZone, c),
                now + config.failures.decayMs,
              )
            : [];
          const sent = await Promise.allSettled(notices.map((m) => delivery.send(m)));
          await audit.append({
            ...base,
            event: "pin.locked",
            detail: { notified: sent.filter((r) => r.status === "fulfilled").length },
          });
        });
        throw new Problem(
          "invalid_pin",
          result.triesLeft > 0
            ? `The PIN is not correct; ${result.triesLeft} tries left`
            : "The PIN is not correct and can no longer be used; ask for a new one",
          { triesLeft: result.triesLeft },
        );
      }
      case "expired":
        throw new Problem("pin_expired", "The PIN has expired; ask for a new one");
      case "no_active_pin":
        throw new Problem("pin_not_active");
      case "backoff":
        throw retryProblem("pin_backoff", result.retryAt, now);
      case "locked":
        throw lockedProblem("pin_locked", result.until, now);
      default:
        return unreachable(result);
    }
  });

  return app;
}

/**
 * The level a verified PIN asserts: its channel's, capped by the registration. The personal
 * code changes nothing (BRIEF.md "Levels of assurance"). An app PIN sits in the inbox every
 * active device reads, so it is worth the weakest device that may have read it within the
 * PIN's lifetime (device-level.ts): `low` while any of them is in its binding wait.
 */
async function levelOf(
  deps: AppDeps,
  citizenId: string,
  registration: RegistrationLevel,
  channel: PinChannel,
  now: number,
): Promise<AssuranceLevel> {
  const { assurance } = deps.config;
  const method =
    channel === "app"
      ? weakestDeviceLevel(
          await deps.devices.list(citizenId),
          assurance.pinApp,
          now,
          deps.config.pin.ttlMs,
        )
      : assurance.pinSms;
  return assertedLevel(assurance, registration, method);
}
