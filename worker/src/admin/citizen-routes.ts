/**
 * Operators' actions on citizens (docs/api.md "Admin API and CLI"):
 *   POST /admin/citizens/{citizenId}/activation-codes   issue an activation code
 *   POST /admin/citizens/{citizenId}/suspend            suspend an active citizen
 *   POST /admin/citizens/{citizenId}/reinstate          make a suspended citizen active again
 *
 * A suspension reaches everything at once (BRIEF.md "Suspension … reach sessions and tokens
 * at once"): the status is written first, with its audit event naming the operator and the
 * reason, so every check that reads it (oidc/citizen-standing.ts) refuses from then on; then
 * every single sign-on session ends (clients told by back-channel logout), every grant is
 * revoked (oidc/grant-records.ts) and the app's pending approvals are withdrawn, before the
 * answer. The citizen is told on every contact. Reinstating brings back none of that: the
 * citizen logs in again.
 *
 * An activation code is for an active, advanced-level citizen (BRIEF.md "Password"). It goes
 * by SMS to the registered mobile, or is returned once for printing in a letter; either way
 * only its digest is stored, and any earlier code stops working. Mounted inside adminRoutes,
 * behind the operator's bearer token.
 */
import { Hono } from "hono";
import { afterResponse, requester } from "../api/request-context.ts";
import { jsonBody, requireJson } from "../api/validate.ts";
import type { AppDeps } from "../app.ts";
import { randomToken } from "../crypto/random.ts";
import type { Message } from "../delivery/delivery.ts";
import { Problem } from "../errors.ts";
import { citizenTexts } from "../i18n/server-i18n.ts";
import {
  activationCodeDigest,
  formatActivationCode,
  generateActivationCode,
} from "../methods/password/activation-code.ts";
import { activationCodeMessage, passwordNotices } from "../methods/password/password-message.ts";
import { ActivationCodeRequest } from "../methods/password/password-schemas.ts";
import { notifyLogout } from "../oidc/backchannel-logout.ts";
import { revokeGrants } from "../oidc/grant-records.ts";
import type { AuditContext, Citizen } from "../storage/account-store.ts";
import type { ActivationDelivery } from "../storage/credential-store.ts";
import { standingNotices } from "./citizen-notice.ts";
import { StandingRequest } from "./citizen-schemas.ts";

const CITIZEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A code just issued: what the operator may see, and the SMS to send once answered. */
export type IssuedActivationCode = {
  delivery: ActivationDelivery;
  expiresAt: number;
  /** Formatted for a letter; absent for SMS, which the operator never sees. */
  code?: string;
  sms: Message | null;
};

/**
 * Issues a code for `citizen`: stores its digest (revoking earlier ones) with the audit event.
 * Shared by the admin API and the citizen's own area.
 */
export async function issueActivationCode(
  deps: AppDeps,
  citizen: Citizen,
  delivery: ActivationDelivery,
  who: AuditContext,
): Promise<IssuedActivationCode> {
  const { config, credentials, random, clock } = deps;
  if (citizen.status !== "active" || citizen.registrationLevel !== "advanced") {
    throw new Problem(
      "not_eligible",
      "Only active citizens registered at the advanced level can have a permanent password",
    );
  }
  const sms = (code: string, expiresAt: number) =>
    delivery === "sms"
      ? activationCodeMessage(citizen, code, expiresAt, citizenTexts(citizen, config.timeZone))
      : null;
  // Activation continues with an SMS code, whatever carried the activation code.
  if (!citizen.mobile) throw new Problem("no_mobile");
  const code = generateActivationCode(random);
  const now = clock.now();
  const expiresAt = now + config.password.activationCodeTtlMs;
  const id = `act_${randomToken(random)}`;
  await credentials.issueActivationCode(
    {
      id,
      citizenId: citizen.id,
      digest: await activationCodeDigest(config.password.pepper, code),
      delivery,
      issuedAt: now,
      expiresAt,
    },
    [
      {
        ...who,
        event: "activation_code.issued",
        at: now,
        citizenId: citizen.id,
        detail: { codeId: id, delivery },
      },
    ],
  );
  return {
    delivery,
    expiresAt,
    ...(delivery === "letter" ? { code: formatActivationCode(code) } : {}),
    sms: sms(code, expiresAt),
  };
}

/**
 * Sends the code's SMS, and tells the citizen on every other contact that a code was issued
 * (an SMS code is its own notice on the mobile).
 */
export async function deliverActivationCode(
  deps: AppDeps,
  citizen: Citizen,
  issued: IssuedActivationCode,
): Promise<void> {
  const lang = citizenTexts(citizen, deps.config.timeZone);
  const notices = passwordNotices(citizen, "code_issued", lang).filter(
    (m) => !(issued.sms && m.channel === "sms"),
  );
  await Promise.allSettled(
    [...(issued.sms ? [issued.sms] : []), ...notices].map((m) => deps.delivery.send(m)),
  );
}

export function citizenAdminRoutes(deps: AppDeps): Hono {
  const { accounts, sessions, audit, clock } = deps;
  const app = new Hono();

  /** The citizen of the path, or 404. */
  async function existing(citizenId: string): Promise<Citizen> {
    const citizen = CITIZEN_ID.test(citizenId) ? await accounts.findById(citizenId) : null;
    if (!citizen) throw new Problem("citizen_not_found");
    return citizen;
  }

  app.post(
    "/citizens/:citizenId/activation-codes",
    requireJson,
    jsonBody(ActivationCodeRequest),
    async (c) => {
      const citizen = await existing(c.req.param("citizenId"));
      const { delivery } = c.req.valid("json");
      const issued = await issueActivationCode(deps, citizen, delivery, requester(c, "operator"));
      afterResponse(c, () => deliverActivationCode(deps, citizen, issued));
      const { sms: _, ...view } = issued;
      return c.json(view, 201);
    },
  );

  app.post("/citizens/:citizenId/suspend", requireJson, jsonBody(StandingRequest), async (c) => {
    const citizen = await existing(c.req.param("citizenId"));
    if (citizen.status !== "active") throw new Problem("citizen_not_active");
    const { operator, reason } = c.req.valid("json");
    const who = requester(c, "operator");
    const suspended = await accounts.changeStanding(
      citizen.id,
      { status: "suspended" },
      { ...who, event: "citizen.suspended", detail: { operator, reason } },
    );
    if (!suspended) throw new Problem("citizen_not_found");
    const ended = await sessions.suspend(citizen.id);
    const grantsRevoked = await revokeGrants(deps, ended.grants);
    afterResponse(c, async () => {
      const notices = standingNotices(suspended, "suspended").map((m) => deps.delivery.send(m));
      const logouts = ended.sessions.map(async (session) => {
        const notified = await notifyLogout(deps, session, deps.outbound);
        await audit.append({
          ...who,
          event: "session.ended",
          at: clock.now(),
          citizenId: citizen.id,
          detail: { sid: session.sid, reason: "suspended", notified: notified.length },
        });
      });
      await Promise.allSettled([...notices, ...logouts]);
    });
    return c.json({
      id: citizen.id,
      status: "suspended" as const,
      sessionsEnded: ended.sessions.length,
      grantsRevoked,
    });
  });

  app.post("/citizens/:citizenId/reinstate", requireJson, jsonBody(StandingRequest), async (c) => {
    const citizen = await existing(c.req.param("citizenId"));
    if (citizen.status !== "suspended") throw new Problem("citizen_not_suspended");
    const { operator, reason } = c.req.valid("json");
    const reinstated = await accounts.changeStanding(
      citizen.id,
      { status: "active" },
      { ...requester(c, "operator"), event: "citizen.reinstated", detail: { operator, reason } },
    );
    if (!reinstated) throw new Problem("citizen_not_found");
    afterResponse(c, () =>
      Promise.allSettled(
        standingNotices(reinstated, "reinstated").map((m) => deps.delivery.send(m)),
      ),
    );
    return c.json({ id: citizen.id, status: "active" as const });
  });

  return app;
}
