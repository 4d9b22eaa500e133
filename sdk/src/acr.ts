/**
 * eIDAS levels of assurance as Llave writes them in `acr`: ordered low < substantial < high.
 * A login "meets" a request when its level is at least the requested one, never when it is
 * merely different.
 */

/**
 * An eIDAS level of assurance.
 *
 * @example
 * ```ts
 * const level: AcrLevel = acrLevel(claims.acr) ?? "low";
 * ```
 */
export type AcrLevel = "low" | "substantial" | "high";

const ORDER: readonly AcrLevel[] = ["low", "substantial", "high"];
const PREFIX = "http://eidas.europa.eu/LoA/";

/**
 * The `acr` URI of a level.
 *
 * @example
 * ```ts
 * acrUri("substantial"); // "http://eidas.europa.eu/LoA/substantial"
 * ```
 */
export function acrUri(level: AcrLevel): string {
  return `${PREFIX}${level}`;
}

/**
 * The level named by an `acr` value (the URI, or the bare level name); `null` for anything
 * else, which meets no requirement.
 *
 * @example
 * ```ts
 * acrLevel("http://eidas.europa.eu/LoA/high"); // "high"
 * ```
 */
export function acrLevel(acr: unknown): AcrLevel | null {
  if (typeof acr !== "string") return null;
  const name = acr.startsWith(PREFIX) ? acr.slice(PREFIX.length) : acr;
  return (ORDER as readonly string[]).includes(name) ? (name as AcrLevel) : null;
}

/**
 * Whether an `acr` reaches at least `required`.
 *
 * @example
 * ```ts
 * acrMeets("http://eidas.europa.eu/LoA/high", "substantial"); // true
 * ```
 */
export function acrMeets(acr: unknown, required: AcrLevel): boolean {
  const level = acrLevel(acr);
  return level !== null && ORDER.indexOf(level) >= ORDER.indexOf(required);
}
