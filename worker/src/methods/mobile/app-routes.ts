/**
 * The citizen app's API (docs/mobile.md "App API"), mounted at /api/app:
 *
 *   POST   /activation          document + contrast datum → an SMS code (same answer for all)
 *   POST   /devices             the code and the new device's key (proved) → a device, and
 *                                the seed of its step-up codes (answered this once only)
 *   GET    /me                  the device and its citizen
 *   GET    /inbox               PINs and requests waiting for the app
 *   POST   /socket-ticket       a one-use ticket for…
 *   GET    /socket?ticket=      …the WebSocket the citizen's object holds
 *   POST   /qr                  a scanned QR frame → the request to confirm
 *   POST   /approvals/{id}      approve with the number, decline, or "I did not start this"
 *   GET    /devices             the citizen's devices
 *   PATCH  /devices/{id}        rename
 *   DELETE /devices/{id}        revoke
 *
 * Every request but the first and the socket is proved by the device key (device-auth.ts).
 */
import type { Context } from "hono";
import { Hono } from "hono";
import {
  matchingCitizen,
  requireContrastDatum,
  requireDocument,
} from "../../api/identity-input.ts";
import { afterResponse, requester } from "../../api/request-context.ts";
import { jsonBody, requireJson } from "../../api/validate.ts";
import type { AppDeps } from "../../app.ts";
import { assertedLevel, meetsLevel } from "../../assurance/levels.ts";
import { sha256 } from "../../crypto/digest.ts";
import { randomToken } from "../../crypto/random.ts";
import { lockedProblem, Problem, retryProblem, unreachable } from "../../errors.ts";
import { citizenTexts } from "../../i18n/server-i18n.ts";
import type { ParsedDocument } from "../../identity/documents.ts";
import type { MobileRefusal } from "../../login/mobile-steps.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { AuditEvent } from "../../storage/audit-log.ts";
import type { Device } from "../../storage/device-store.ts";
import { otpDigest, sendOtp } from "../password/otp.ts";
import { checkIpLimit } from "../password/password-routes.ts";
import { newTotpSeed } from "../password/totp.ts";
import { decoyKey } from "../pin/pin-code.ts";
import { pushPolicy } from "./app-inbox.ts";
import { checkProof, type DeviceEnv, proven, withNonce } from "./device-auth.ts";
import { cancelUrl } from "./device-cancel-routes.ts";
import { deviceLevel } from "./device-level.ts";
import { JTI_TTL_MS } from "./device-proof.ts";
import { deviceCodeMessage, deviceNotices } from "./mobile-message.ts";
import {
  AnswerRequest,
  AppActivationRequest,
  QrScanRequest,
  RegisterDeviceRequest,
  RenameDeviceRequest,
} from "./mobile-schemas.ts";
import { parseQrPayload } from "./qr-frame.ts";

const HOUR_MS = 3_600_000;
const TICKET_TTL_MS = 30_000;
/** RFC 8176: a software-held key proved possession, and the citizen was there to pick. */
export const MOBILE_AMR = ["swk", "user"];

/** The wire problem for a refusal of the mobile steps. */
export function mobileProblem(reason: MobileRefusal): Problem {
  switch (reason) {
    case "no_mobile_login":
    case "qr_invalid":
    case "qr_stale":
    case "qr_used":
    case "approval_expired":
    case "approval_not_found":
    case "approval_answered":
      return new Problem(reason);
    default:
      return unreachable(reason);
  }
}

/** What an approval by `device` asserts now: its binding level, capped by the registration. */
export function approvalLevel(deps: AppDeps, citizen: Citizen, device: Device, now: number) {
  const { assurance } = deps.config;
  const method = deviceLevel(device, assurance.mobile, now);
  return assertedLevel(assurance, citizen.registrationLevel, method);
}

/**
 * The citizen as the app on `device` shows them: never the whole document number; `level` is
 * what an approval from this device asserts now.
 */
export function citizenView(deps: AppDeps, citizen: Citizen, device: Device) {
  return {
    givenName: citizen.givenName,
    familyName: [citizen.familyName, citizen.secondFamilyName].filter(Boolean).join(" "),
    document: `${"•".repeat(Math.max(0, citizen.documentNumber.length - 4))}${citizen.documentNumber.slice(-4)}`,
    level: approvalLevel(deps, citizen, device, deps.clock.now()),
  };
}

/** A device as the app lists it; `waitEndsAt` is when it reaches its full level. */
export const deviceView = (device: Device, current: Device | null) => ({
  id: device.id,
  name: device.name,
  status: device.status,
  createdAt: device.createdAt,
  lastUsedAt: device.lastUsedAt,
  revokedAt: device.revokedAt,
  waitEndsAt: device.waitEndsAt,
  current: current !== null && device.id === current.id,
});

/**
 * Who may activate the app: an active citizen whose data match and who has a mobile for the
 * code. Anyone else is stood in for by a decoy key, so every path does the same work.
 */
async function activationTarget(deps: AppDeps, document: ParsedDocument, citizen: Citizen | null) {
  const eligible = citizen?.mobile ? citizen : null;
  const decoy = await decoyKey(deps.config.pinPepper, document);
  return { citizen: eligible, citizenKey: eligible?.id ?? decoy };
}

export function appRoutes(deps: AppDeps): Hono<DeviceEnv> {
  const { config, accounts, audit, citizens, devices, apps, logins, delivery, clock, random } =
    deps;
  const app = new Hono<DeviceEnv>();
  app.use("*", withNonce(deps));

  const event = (
    c: Context,
    citizenId: string,
    name: AuditEvent["event"],
    detail: AuditEvent["detail"],
  ): AuditEvent => ({
    ...requester(c, "citizen"),
    event: name,
    at: clock.now(),
    citizenId,
    ...(detail ? { detail } : {}),
  });

  app.post("/activation", requireJson, jsonBody(AppActivationRequest), async (c) => {
    const body = c.req.valid("json");
    const document = requireDocument(body.document);
    const datum = requireContrastDatum(document, body.contrast);
    const now = clock.now();
    await checkIpLimit(deps, c, "app-activation", now, {
      limit: config.mobile.activationsPerIpHour,
      windowMs: HOUR_MS,
    });
    const found = await matchingCitizen(accounts, document, datum);
    const { citizen, citizenKey } = await activationTarget(deps, document, found);
    const activationId = randomToken(random, 128);
    await sendOtp(
      deps,
      c,
      { loginId: activationId, citizenKey, citizen, now },
      { purpose: "device", message: deviceCodeMessage },
    );
    if (citizen) {
      afterResponse(c, () =>
        audit.append(event(c, citizen.id, "mobile.activation_requested", { activationId })),
      );
    }
    return c.json(
      {
        activationId,
        expiresIn: config.pin.ttlMs / 1000,
        resendAfter: config.pin.resendCooldownMs / 1000,
      },
      202,
    );
  });

  app.post(
    "/devices",
    requireJson,
    // The proof first: it signs the body's exact bytes, which validation would re-serialise.
    async (c, next) => {
      c.set("proof", await checkProof(deps, c));
      await next();
    },
    jsonBody(RegisterDeviceRequest),
    async (c) => {
      const body = c.req.valid("json");
      const proof = c.get("proof");
      const document = requireDocument(body.document);
      const datum = requireContrastDatum(document, body.contrast);
      const now = clock.now();
      const found = await matchingCitizen(accounts, document, datum);
      const { citizen, citizenKey } = await activationTarget(deps, document, found);
      const digest = await otpDigest(config.pinPepper, body.activationId, body.code);
      const checked = await citizens.verifyPin(citizenKey, {
        loginId: body.activationId,
        purpose: "device",
        digest,
        now,
      });
      switch (checked.outcome) {
        case "verified":
          break;
        case "wrong_pin":
          throw new Problem(
            "invalid_otp",
            checked.triesLeft > 0
              ? `The code is not correct; ${checked.triesLeft} tries left`
              : "The code is not correct and can no longer be used; ask for a new one",
            { triesLeft: checked.triesLeft },
          );
        case "expired":
          throw new Problem("otp_expired", "The code has expired; ask for a new one");
        case "no_active_pin":
          throw new Problem("otp_not_active");
        case "backoff":
          throw retryProblem("login_backoff", checked.retryAt, now);
        case "locked":
          throw lockedProblem("login_blocked", checked.until, now);
        default:
          return unreachable(checked);
      }
      // A decoy's digest cannot match; this guards the invariant rather than a real path.
      if (!citizen) throw new Problem("otp_not_active");
      const id = `dev_${randomToken(random, 128)}`;
      // The seed leaves the server in this answer only: it is stored sealed and never logged.
      const totp = await newTotpSeed(deps, id);
      // SMS possession alone bound this device: `low` until the wait ends, while every contact
      // gets the link that cancels it (device-level.ts). Only the link's digest is stored.
      const cancelToken = randomToken(random, 256);
      const waitEndsAt = now + config.mobile.bindingWaitMs;
      const registered = await devices.register(
        {
          id,
          citizenId: citizen.id,
          name: body.name,
          thumbprint: proof.thumbprint,
          publicKey: proof.publicKey,
          createdAt: now,
          totpSecret: totp.sealed,
          waitEndsAt,
          cancelDigest: await sha256(cancelToken),
        },
        {
          maxActive: config.mobile.maxDevices,
          audit: [
            event(c, citizen.id, "mobile.device_activated", { deviceId: id, name: body.name }),
          ],
        },
      );
      if (!registered) throw new Problem("device_exists");
      await apps.acceptProof(citizen.id, { jti: proof.jti, now, ttlMs: JTI_TTL_MS });
      const { device, revoked } = registered;
      afterResponse(c, async () => {
        await Promise.allSettled(revoked.map((d) => apps.disconnect(citizen.id, d.id)));
        const notices = deviceNotices(
          citizen,
          {
            name: device.name,
            revoked: revoked.length,
            waitEndsAt,
            cancelUrl: cancelUrl(config.issuer, cancelToken),
          },
          citizenTexts(citizen, config.timeZone, c),
        );
        await Promise.allSettled(notices.map((m) => delivery.send(m)));
      });
      return c.json(
        {
          device: deviceView(device, device),
          citizen: citizenView(deps, citizen, device),
          revoked: revoked.length,
          totp: totp.setup,
        },
        201,
      );
    },
  );

  // The socket carries a ticket, not a proof: browsers cannot sign a WebSocket handshake.
  app.get("/socket", async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new Problem("invalid_request", "Open this as a WebSocket");
    }
    const handle = c.req.query("ticket")?.split(".")[0] ?? "";
    const answer = await apps.connect(handle, c.req.raw);
    if (answer?.status !== 101) throw new Problem("invalid_ticket");
    return new Response(null, { status: 101, webSocket: answer.webSocket });
  });

  // Everything below is proved by an active device's key (and reads the body first, for `bh`).
  const auth = proven(deps);

  app.get("/me", auth, (c) =>
    c.json({
      device: deviceView(c.get("device"), c.get("device")),
      citizen: citizenView(deps, c.get("citizen"), c.get("device")),
    }),
  );

  app.get("/inbox", auth, async (c) =>
    c.json({
      items: await apps.inbox(c.get("citizen").id, clock.now(), c.get("device").createdAt),
    }),
  );

  app.post("/socket-ticket", auth, async (c) => {
    const secret = randomToken(random, 256);
    const handle = await apps.openTicket(c.get("citizen").id, {
      digest: await sha256(secret),
      deviceId: c.get("device").id,
      expiresAt: clock.now() + TICKET_TTL_MS,
    });
    return c.json({ ticket: `${handle}.${secret}`, expiresIn: TICKET_TTL_MS / 1000 });
  });

  app.post("/qr", auth, requireJson, jsonBody(QrScanRequest), async (c) => {
    const frame = parseQrPayload(c.req.valid("json").payload);
    const login = frame ? logins.byHandle(frame.token) : null;
    if (!frame || !login) throw new Problem("qr_invalid");
    const citizen = c.get("citizen");
    const device = c.get("device");
    const scanned = await login.scanQr({
      frame,
      deviceId: device.id,
      citizenId: citizen.id,
      now: clock.now(),
      maxAgeSeconds: config.mobile.qrMaxAgeSeconds,
    });
    if (!scanned.ok) throw mobileProblem(scanned.reason);
    afterResponse(c, () =>
      audit.append(event(c, citizen.id, "mobile.qr_scanned", { deviceId: device.id })),
    );
    return c.json({ approval: scanned.approval });
  });

  app.post("/approvals/:id", auth, requireJson, jsonBody(AnswerRequest), async (c) => {
    const id = c.req.param("id");
    const login = logins.byHandle(id);
    if (!login) throw new Problem("approval_not_found");
    const citizen = c.get("citizen");
    const device = c.get("device");
    const now = clock.now();
    const answer = c.req.valid("json");
    const acr = approvalLevel(deps, citizen, device, now);
    const result = await login.answerMobile({
      citizenId: citizen.id,
      deviceId: device.id,
      answer,
      auth: {
        citizenId: citizen.id,
        method: "mobile",
        amr: MOBILE_AMR,
        acr,
        authTime: Math.floor(now / 1000),
      },
      now,
    });
    if (!result.ok) throw mobileProblem(result.reason);
    // An approval signed by a device bound at its full level proves more than any PIN, code or
    // password the failure counters guard: it lifts their lockouts (docs/password.md "Wrong
    // passwords"). A device still in its binding wait proves no more than the SMS it was bound
    // with, so it lifts nothing: a swapped SIM must not reset the password's pause at will.
    const strong =
      meetsLevel(deviceLevel(device, config.assurance.mobile, now), "substantial") &&
      result.outcome === "approved";
    const lifted = strong ? await citizens.clearFailures(citizen.id, { now }) : null;
    await apps.answered(citizen.id, {
      ref: id,
      outcome: result.outcome,
      now,
      policy: pushPolicy(config.mobile),
    });
    const names = {
      approved: "mobile.approved",
      declined: "mobile.declined",
      not_me: "mobile.not_me",
      wrong_number: "mobile.wrong_number",
    } as const;
    afterResponse(c, () =>
      audit.append(
        event(c, citizen.id, names[result.outcome], {
          deviceId: device.id,
          mode: result.mode,
          ...(result.outcome === "approved" ? { acr } : {}),
          ...(lifted && (lifted.failures > 0 || lifted.passwordFailures > 0)
            ? { clearedFailures: lifted.failures, clearedPasswordFailures: lifted.passwordFailures }
            : {}),
        }),
      ),
    );
    if (result.outcome === "wrong_number") throw new Problem("wrong_number");
    const status = { approved: "approved", declined: "declined", not_me: "reported" } as const;
    return c.json({ status: status[result.outcome] });
  });

  app.get("/devices", auth, async (c) => {
    const list = await devices.list(c.get("citizen").id);
    return c.json({ devices: list.map((d) => deviceView(d, c.get("device"))) });
  });

  app.patch("/devices/:id", auth, requireJson, jsonBody(RenameDeviceRequest), async (c) => {
    const citizen = c.get("citizen");
    const id = c.req.param("id");
    const { name } = c.req.valid("json");
    const renamed = await devices.rename(citizen.id, id, name, [
      event(c, citizen.id, "mobile.device_renamed", { deviceId: id, name }),
    ]);
    if (!renamed) throw new Problem("device_not_found");
    return c.json(deviceView(renamed, c.get("device")));
  });

  app.delete("/devices/:id", auth, async (c) => {
    const citizen = c.get("citizen");
    const id = c.req.param("id");
    const now = clock.now();
    const revoked = await devices.revoke(citizen.id, id, {
      now,
      reason: "citizen",
      audit: [event(c, citizen.id, "mobile.device_revoked", { deviceId: id, reason: "citizen" })],
    });
    if (!revoked) throw new Problem("device_not_found");
    afterResponse(c, () => apps.disconnect(citizen.id, id));
    return c.body(null, 204);
  });

  return app;
}
