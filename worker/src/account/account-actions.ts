/**
 * What a citizen can do in their area, shared by its JSON API and its page's forms
 * (account-routes.ts, account-page.ts). Each action refuses with a Problem, writes with its
 * audit event in one batch, and tells the citizen on every contact after answering.
 */
import type { Context } from "hono";
import { deliverActivationCode, issueActivationCode } from "../admin/citizen-routes.ts";
import { afterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { Problem } from "../errors.ts";
import { HashBusyError } from "../methods/password/hash-gate.ts";
import type { PasswordHasher } from "../methods/password/password-hasher.ts";
import {
  guardProblem,
  hashOrBusy,
  notify,
  requireGoodPassword,
} from "../methods/password/password-routes.ts";
import type { Citizen } from "../storage/account-store.ts";

/** Changes the password (old + new); the new expiry. */
export async function changePassword(
  deps: AppDeps,
  hasher: PasswordHasher,
  c: Context,
  citizen: Citizen,
  currentPassword: string,
  newPassword: string,
): Promise<number> {
  const { config, citizens, credentials, clock } = deps;
  const now = clock.now();
  const record = await credentials.password(citizen.id);
  if (!record) throw new Problem("no_password_change", "There is no password to change");
  // The current password goes through the same guard as a login: counted before hashing.
  const reserved = await citizens.reservePasswordTry(citizen.id, { now, decoy: false });
  if (reserved.outcome !== "reserved") throw guardProblem(reserved, now);
  const { triesLeft } = reserved;
  let ok: boolean;
  try {
    ok = (await hasher.verify(record.hash, currentPassword)).ok;
  } catch (error) {
    await citizens.settlePasswordTry(citizen.id, { ok: null, now });
    if (error instanceof HashBusyError) {
      throw new Problem("password_busy", undefined, { retryAfter: 1 }, { "retry-after": "1" });
    }
    throw error;
  }
  const settled = await citizens.settlePasswordTry(citizen.id, { ok, now });
  if (!ok) {
    const base = { ...requester(c, "citizen"), at: now, citizenId: citizen.id };
    afterResponse(c, async () => {
      await deps.audit.append({
        ...base,
        event: "password.failed",
        detail: { triesLeft, where: "account" },
      });
      if (!(settled.blockedNow || settled.lockedUntil)) return;
      const until = Math.max(settled.pausedUntil ?? 0, settled.lockedUntil ?? 0);
      const notified = await notify(deps, citizen, "blocked", c, until);
      await deps.audit.append({ ...base, event: "password.blocked", detail: { notified } });
    });
    throw new Problem("invalid_credentials", "The current password is not correct", {
      triesLeft,
    });
  }
  requireGoodPassword(deps, citizen, newPassword);
  const hash = await hashOrBusy(hasher, newPassword);
  const expiresAt = now + config.password.validityMs;
  await credentials.setPassword({ citizenId: citizen.id, hash, setAt: now, expiresAt }, [
    {
      ...requester(c, "citizen"),
      event: "password.changed",
      at: now,
      citizenId: citizen.id,
      detail: { reason: "self_service" },
    },
  ]);
  afterResponse(c, () => notify(deps, citizen, "changed", c));
  return expiresAt;
}

/** Cancels the password (a new activation code brings it back). */
export async function cancelPassword(deps: AppDeps, c: Context, citizen: Citizen): Promise<void> {
  const { citizens, credentials, clock } = deps;
  const deleted = await credentials.deletePassword(citizen.id, [
    {
      ...requester(c, "citizen"),
      event: "password.cancelled",
      at: clock.now(),
      citizenId: citizen.id,
    },
  ]);
  if (!deleted) throw new Problem("no_password_change", "There is no password to cancel");
  await citizens.resetPasswordGuard(citizen.id);
  afterResponse(c, () => notify(deps, citizen, "cancelled", c));
}

/** A new activation code by SMS; any earlier one stops working. */
export async function requestActivationCode(deps: AppDeps, c: Context, citizen: Citizen) {
  const issued = await issueActivationCode(deps, citizen, "sms", requester(c, "citizen"));
  afterResponse(c, async () => {
    await deliverActivationCode(deps, citizen, issued);
    await deps.audit.append({
      ...requester(c, "citizen"),
      event: "password.code_requested",
      at: deps.clock.now(),
      citizenId: citizen.id,
    });
  });
  return issued;
}
