/**
 * Operators' actions on citizens (docs/api.md "Admin API and CLI"):
 *   POST /admin/citizens/{citizenId}/activation-codes   issue an activation code
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
import type { AuditContext, Citizen } from "../storage/account-store.ts";
import type { ActivationDelivery } from "../storage/credential-store.ts";

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
  const { accounts } = deps;
  const app = new Hono();

  app.post(
    "/citizens/:citizenId/activation-codes",
    requireJson,
    jsonBody(ActivationCodeRequest),
    async (c) => {
      const citizenId = c.req.param("citizenId");
      const citizen = CITIZEN_ID.test(citizenId) ? await accounts.findById(citizenId) : null;
      if (!citizen) throw new Problem("citizen_not_found");
      const { delivery } = c.req.valid("json");
      const issued = await issueActivationCode(deps, citizen, delivery, requester(c, "operator"));
      afterResponse(c, () => deliverActivationCode(deps, citizen, issued));
      const { sms: _, ...view } = issued;
      return c.json(view, 201);
    },
  );

  return app;
}
