/**
 * The whole password policy on the server: the structural rules (password-rules.ts, shared
 * with the browser) plus the shipped list of common passwords, which only the worker loads.
 * Both presets refuse listed passwords: Cl@ve's published rule does not name a list, but a
 * password every attacker tries first is no stronger for having three character groups.
 */
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import {
  PASSWORD_POLICIES,
  type PasswordContext,
  type PasswordPolicy,
  type PasswordPreset,
  type PasswordReason,
  structuralProblems,
} from "./password-rules.ts";

/** Digits, punctuation, symbols and spaces people tack onto a word: "barcelona2024!". */
const DECORATION = /^[\p{N}\p{P}\p{S}\s]$/u;

/**
 * The policy of a preset, as `PASSWORD_POLICY` names it.
 *
 * @example policyFrom("clave") // { preset: "clave", minLength: 8, maxLength: 128 }
 */
export function policyFrom(preset: PasswordPreset): PasswordPolicy {
  return PASSWORD_POLICIES[preset];
}

/**
 * Every reason `password` is refused under `policy` for this citizen; empty when it is
 * acceptable. The order is fixed (structural reasons first, then `common`) so answers are
 * stable.
 *
 * @example
 * passwordProblems("Barcelona2024", policyFrom("nist"), { names: [], documentNumber: null })
 * // ["common"]
 */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext,
): PasswordReason[] {
  const problems = structuralProblems(password, policy, context);
  if (isCommon(password)) problems.push("common");
  return problems;
}

function isCommon(password: string): boolean {
  const lowered = password.normalize("NFKC").toLowerCase();
  // The list holds each word once; the decorated variants of it are caught by the stripping.
  return COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(undecorated(lowered));
}

/**
 * The password without its trailing decoration, walked from the end one character at a time:
 * an anchored regex like /[0-9]+$/ backtracks quadratically on a long run of digits.
 */
function undecorated(password: string): string {
  const chars = [...password];
  let end = chars.length;
  while (end > 0 && DECORATION.test(chars[end - 1] ?? "")) end--;
  return chars.slice(0, end).join("");
}
