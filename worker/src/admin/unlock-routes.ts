/**
 * An operator lifts a citizen's lockouts (docs/api.md "Unlock a citizen"):
 *   POST /admin/unlocks   { document | citizenId, operator, reason }
 *
 * Lockouts end by themselves (the account-wide counter decays, a password pause runs out;
 * methods/pin/pin-challenge.ts, methods/password/password-guard.ts). This is the way to end
 * them now, for a citizen who proved who they are at a registration office or on the phone:
 * it clears the account-wide back-off and hard stop and the password's pause, is audited with
 * who did it and why (`citizen.unlocked`), and is told to the citizen on every contact.
 * Mounted inside adminRoutes, behind the operator's bearer token.
 */
import { Hono } from "hono";
import * as z from "zod";
import { requireDocument } from "../api/identity-input.ts";
import { afterResponse, requester } from "../api/request-context.ts";
import { jsonBody, requireJson } from "../api/validate.ts";
import type { AppDeps } from "../app.ts";
import { onEveryContact } from "../delivery/delivery.ts";
import { Problem } from "../errors.ts";
import type { Citizen } from "../storage/account-store.ts";

const CITIZEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const UnlockRequest = z
  .strictObject({
    document: z
      .string()
      .max(64)
      .optional()
      .describe("The citizen's DNI, NIE or codice fiscale (or give citizenId)"),
    citizenId: z.string().max(64).optional().describe("The citizen's id (or give document)"),
    operator: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("Who unlocks: the operator's or officer's name or user id, for the audit log"),
    reason: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .describe("Why, for the audit log (e.g. how the citizen proved who they are)"),
  })
  .refine((b) => (b.document === undefined) !== (b.citizenId === undefined), {
    message: "Give exactly one of document and citizenId",
  })
  .meta({ id: "UnlockRequest" });

export const UnlockResult = z
  .object({
    citizenId: z.string(),
    unlockedAt: z.number().int().describe("Milliseconds since the epoch"),
    cleared: z.object({
      failures: z
        .number()
        .int()
        .describe("Account-wide consecutive failures (PINs, codes, passwords) that were counted"),
      passwordFailures: z.number().int().describe("Consecutive wrong passwords that were counted"),
    }),
  })
  .meta({ id: "UnlockResult" });

const NOTICE =
  "Llave: una oficina de registro ha desbloqueado el acceso a su cuenta tras los intentos " +
  "fallidos. Si no lo ha pedido usted, avise en una oficina de registro.";

export function unlockRoutes(deps: AppDeps): Hono {
  const { accounts, audit, citizens, clock, delivery } = deps;
  const app = new Hono();

  async function citizenOf(body: z.infer<typeof UnlockRequest>): Promise<Citizen | null> {
    if (body.document !== undefined) {
      const document = requireDocument(body.document);
      return accounts.findByDocument(document.type, document.number);
    }
    const id = body.citizenId ?? "";
    return CITIZEN_ID.test(id) ? accounts.findById(id) : null;
  }

  app.post("/unlocks", requireJson, jsonBody(UnlockRequest), async (c) => {
    const body = c.req.valid("json");
    const citizen = await citizenOf(body);
    if (!citizen) throw new Problem("citizen_not_found");
    const now = clock.now();
    const cleared = await citizens.clearFailures(citizen.id, { now });
    // Stored before answering: an unlock that is not in the audit log did not happen.
    await audit.append({
      ...requester(c, "operator"),
      event: "citizen.unlocked",
      at: now,
      citizenId: citizen.id,
      detail: {
        operator: body.operator,
        reason: body.reason,
        clearedFailures: cleared.failures,
        clearedPasswordFailures: cleared.passwordFailures,
      },
    });
    afterResponse(c, () =>
      Promise.allSettled(onEveryContact(citizen, "unlocked", NOTICE).map((m) => delivery.send(m))),
    );
    return c.json({ citizenId: citizen.id, unlockedAt: now, cleared });
  });

  return app;
}
