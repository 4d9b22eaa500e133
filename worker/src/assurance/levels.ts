/**
 * Levels of assurance (eIDAS LoA) and how a login's level is derived.
 *
 * The asserted level is the lower of what the citizen's registration allows and what the
 * method proved (BRIEF.md "Levels of assurance"): a basic-registration citizen never gets
 * substantial, however strong the method.
 */
export type AssuranceLevel = "low" | "substantial" | "high";
export type RegistrationLevel = "basic" | "advanced";

const ORDER: Record<AssuranceLevel, number> = { low: 1, substantial: 2, high: 3 };

/** The eIDAS URI asserted as `acr`. */
export const acrUri = (level: AssuranceLevel): string => `http://eidas.europa.eu/LoA/${level}`;

/** The lower of two levels. @example minLevel("high", "low") // "low" */
export const minLevel = (a: AssuranceLevel, b: AssuranceLevel): AssuranceLevel =>
  ORDER[a] <= ORDER[b] ? a : b;

/** True when `level` is at least `required`. */
export const meetsLevel = (level: AssuranceLevel, required: AssuranceLevel): boolean =>
  ORDER[level] >= ORDER[required];

export type AssurancePolicy = {
  capBasic: AssuranceLevel;
  capAdvanced: AssuranceLevel;
};

/**
 * The level a login asserts.
 *
 * @example
 * assertedLevel(policy, "basic", "substantial") // "low" with the default policy
 */
export function assertedLevel(
  policy: AssurancePolicy,
  registration: RegistrationLevel,
  methodLevel: AssuranceLevel,
): AssuranceLevel {
  const cap = registration === "advanced" ? policy.capAdvanced : policy.capBasic;
  return minLevel(cap, methodLevel);
}
