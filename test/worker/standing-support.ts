/**
 * Helpers for the tests of a citizen's standing (status and registration level) reaching
 * sessions and tokens: introspection as the agency calls it, the admin API's suspension and
 * reinstatement, and a harness whose SMS PIN proves `substantial`, so that a plain PIN login
 * has a level a lowered registration can take away.
 */
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { RelyingParty } from "../conformance/support.ts";
import { type Harness, harness } from "./harness.ts";

export const SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
export const LOW = "http://eidas.europa.eu/LoA/low";

/** A harness where an SMS PIN of an advanced citizen asserts substantial (configuration). */
export const substantialPinHarness = (): Harness =>
  harness({
    config: (c) => ({ ...c, assurance: { ...c.assurance, pinSms: "substantial" } }),
  });

/** POST /token/introspect as `rp`, answering the JSON body. */
export async function introspect(
  h: Harness,
  rp: RelyingParty,
  token: string,
  hint?: "access_token" | "refresh_token",
): Promise<Record<string, unknown>> {
  const form = new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) });
  const response = await h.call("POST", "/token/introspect", form.toString(), {
    "content-type": "application/x-www-form-urlencoded",
    authorization: rp.basic,
  });
  if (response.status !== 200) throw new Error(`introspect: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

const admin = (h: Harness) => {
  const token = h.config.adminToken;
  if (!token) throw new Error("tests need ADMIN_TOKEN");
  return { authorization: `Bearer ${token}` };
};

/** POST /admin/citizens/{id}/suspend (or reinstate) with an operator and a reason. */
export const standingAction = (
  h: Harness,
  citizen: Pick<Citizen, "id">,
  action: "suspend" | "reinstate",
  body: Record<string, unknown> = { operator: "op.garcia", reason: "Suplantación denunciada" },
) => h.call("POST", `/admin/citizens/${citizen.id}/${action}`, body, admin(h));
