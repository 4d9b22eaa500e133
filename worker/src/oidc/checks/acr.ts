/**
 * Rule: the level of assurance the login must reach (BRIEF.md "Levels of assurance"): the
 * highest of the client's minimum, the lowest known level listed in `acr_values`, and the lowest of
 * an `acr` claim request's values. eIDAS levels are ordered, so a higher level satisfies a
 * lower request. A level is a requirement, never a preference: if none of the client's
 * methods can reach it, the request fails with `unmet_authentication_requirements` now rather
 * than after the citizen has typed anything (and a login that ends lower is refused too).
 */
import { type AssuranceLevel, meetsLevel } from "../../assurance/levels.ts";
import type { Config } from "../../config.ts";
import type { Client, LoginMethod } from "../../storage/client-store.ts";
import type { ClaimsRequest } from "../authorization-request.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const LEVELS: readonly AssuranceLevel[] = ["low", "substantial", "high"];
const PREFIX = "http://eidas.europa.eu/LoA/";

/** Methods implemented so far, with the highest level each can prove under this config. */
export function methodLevels(config: Config): Partial<Record<LoginMethod, AssuranceLevel>> {
  const { pinSms, pinApp, password, passwordOtp, mobile } = config.assurance;
  const best = (...levels: AssuranceLevel[]) => levels.reduce((a, b) => (meetsLevel(a, b) ? a : b));
  return {
    pin: best(pinSms, pinApp),
    password: best(password, passwordOtp),
    mobile,
  };
}

const levelOf = (uri: unknown): AssuranceLevel | null => {
  if (typeof uri !== "string" || !uri.startsWith(PREFIX)) return null;
  const level = uri.slice(PREFIX.length);
  return (LEVELS as readonly string[]).includes(level) ? (level as AssuranceLevel) : null;
};

const lowest = (levels: AssuranceLevel[]): AssuranceLevel | null =>
  levels.length === 0 ? null : levels.reduce((a, b) => (meetsLevel(a, b) ? b : a));

const highest = (a: AssuranceLevel, b: AssuranceLevel | null): AssuranceLevel =>
  b !== null && meetsLevel(b, a) ? b : a;

export function requiredLevel(
  client: Client,
  params: Params,
  claims: ClaimsRequest | null,
): AssuranceLevel {
  const fromValues = params.acr_values
    ?.split(" ")
    .map(levelOf)
    .filter((l): l is AssuranceLevel => l !== null);
  // Unknown values are ignored (OIDC Core 15.1); the client's minimum still applies.
  const rule = claims?.id_token?.acr;
  const ruleValues = rule ? [...(rule.values ?? []), ...(rule.value ? [rule.value] : [])] : [];
  const fromClaim = ruleValues.map(levelOf).filter((l): l is AssuranceLevel => l !== null);
  if (rule?.essential && ruleValues.length > 0 && fromClaim.length === 0) {
    throw oauth("unmet_authentication_requirements", "None of the essential acr values is known");
  }
  return highest(highest(client.minAcr, lowest(fromValues ?? [])), lowest(fromClaim));
}

/** The client's methods that can reach `level`; none → the request cannot succeed. */
export function usableMethods(
  config: Config,
  client: Client,
  level: AssuranceLevel,
): LoginMethod[] {
  const levels = methodLevels(config);
  const methods = client.allowedMethods.filter((m) => {
    const max = levels[m];
    return max !== undefined && meetsLevel(max, level);
  });
  if (methods.length === 0) {
    throw oauth(
      "unmet_authentication_requirements",
      `No login method allowed for this service can reach the ${level} level`,
    );
  }
  return methods;
}
