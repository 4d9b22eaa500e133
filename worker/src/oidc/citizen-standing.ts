/**
 * Whether what a citizen proved still stands for the citizen as they are now. A session and a
 * grant record the level of their login; the citizen's status and registration level can
 * change afterwards (suspension, revocation, a lowered registration), and that must reach
 * them at once (BRIEF.md "Suspension, renunciation and level changes reach sessions and
 * tokens at once"). So every single sign-on answer, code redemption, refresh, CIBA grant,
 * introspection and userinfo request reads the citizen again and applies these rules:
 *
 * - a citizen who is not `active` (suspended, revoked, or gone) stands for nothing;
 * - the registration caps the level as at login (assurance/levels.ts): a session is worth at
 *   most the cap now (`capped`), and a grant whose `acr` is above the cap is refused as a
 *   whole — its tokens carry that `acr`, and a token at a lower level than it says is never
 *   issued or confirmed. The agency logs the citizen in again and gets the honest level.
 */
import type { AppDeps } from "../app.ts";
import { type AssuranceLevel, assertedLevel, meetsLevel, minLevel } from "../assurance/levels.ts";
import type { Authentication } from "../login/login-transaction.ts";
import type { Citizen } from "../storage/account-store.ts";
import { type OAuthError, oauth } from "./oauth-error.ts";

export type StandingRefusal = "not_active" | "level_lowered";

export type Standing =
  | { ok: true; citizen: Citizen; cap: AssuranceLevel }
  | { ok: false; reason: StandingRefusal };

type Policy = AppDeps["config"]["assurance"];

/** The highest level the citizen's registration allows now. */
export const registrationCap = (policy: Policy, citizen: Citizen): AssuranceLevel =>
  assertedLevel(policy, citizen.registrationLevel, "high");

/** The rules above for a citizen already read (null: no such citizen). */
export function standingOf(
  policy: Policy,
  citizen: Citizen | null,
  acr: AssuranceLevel | null,
): Standing {
  if (citizen?.status !== "active") return { ok: false, reason: "not_active" };
  const cap = registrationCap(policy, citizen);
  if (acr !== null && !meetsLevel(cap, acr)) return { ok: false, reason: "level_lowered" };
  return { ok: true, citizen, cap };
}

/**
 * Reads the citizen and applies the rules to an authentication at `acr` (null: only the
 * status matters, as for a session that will be capped).
 */
export async function standing(
  deps: Pick<AppDeps, "accounts" | "config">,
  citizenId: string,
  acr: AssuranceLevel | null,
): Promise<Standing> {
  const citizen = await deps.accounts.findById(citizenId);
  return standingOf(deps.config.assurance, citizen, acr);
}

/** A session's level as it stands: the lower of its login's and the registration's cap. */
export const capped = (acr: AssuranceLevel, cap: AssuranceLevel): AssuranceLevel =>
  minLevel(acr, cap);

/** The public description of a grant refused for the citizen's sake; the audit has the rest. */
function grantRefusal(reason: StandingRefusal): OAuthError {
  switch (reason) {
    case "not_active":
      return oauth("invalid_grant", "The citizen's account no longer allows this grant");
    case "level_lowered":
      return oauth(
        "invalid_grant",
        "The citizen's registration no longer allows this grant's level; log in again",
      );
  }
}

/**
 * At the token endpoint, before any token is minted: a grant whose citizen no longer stands
 * is revoked (its access and refresh tokens stop everywhere) and refused with `invalid_grant`.
 */
export async function requireStanding(
  deps: Pick<AppDeps, "accounts" | "config" | "logins">,
  handle: string,
  auth: Pick<Authentication, "citizenId" | "acr">,
): Promise<void> {
  const stands = await standing(deps, auth.citizenId, auth.acr);
  if (stands.ok) return;
  await deps.logins.byHandle(handle)?.revoke();
  throw grantRefusal(stands.reason);
}
