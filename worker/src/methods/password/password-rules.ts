/**
 * The structural password rules of both policies: length, character groups, the citizen's own
 * name and document, runs and repeats. The list of common passwords is checked elsewhere
 * (password-policy.ts), because the browser login app imports this file for live feedback and
 * it must stay tiny: no imports at all, Web platform only.
 *
 * Every rule is applied to the password after Unicode NFKC, as it will be hashed, so what the
 * citizen is told matches what is stored.
 */

/** `nist`: after NIST SP 800-63B. `clave`: Cl@ve's published rule. */
export type PasswordPreset = "nist" | "clave";

/** Lengths are counted in code points after NFKC, never in UTF-16 units or bytes. */
export type PasswordPolicy = { preset: PasswordPreset; minLength: number; maxLength: number };

/** Why a password is refused; a rejection lists every reason that applies. */
export type PasswordReason =
  | "too_short"
  | "too_long"
  | "common"
  | "contains_name"
  | "contains_document"
  | "repetitive"
  | "groups";

/** What the rules know of the citizen; empty names and a null document check nothing. */
export type PasswordContext = { names: string[]; documentNumber: string | null };

/**
 * The two presets. 128 code points is a generous ceiling for passphrases and still bounds the
 * work Argon2 does on input.
 *
 * @example PASSWORD_POLICIES.nist // { preset: "nist", minLength: 8, maxLength: 128 }
 */
export const PASSWORD_POLICIES: Record<PasswordPreset, PasswordPolicy> = {
  nist: { preset: "nist", minLength: 8, maxLength: 128 },
  clave: { preset: "clave", minLength: 8, maxLength: 128 },
};

/** Cl@ve asks for three of the four groups only below this length; long passphrases are free. */
const GROUPS_WAIVED_FROM = 16;
const GROUPS_REQUIRED = 3;
/** A name part shorter than this ("Li", "Ng") would match too many innocent passwords. */
const MIN_NAME_PART = 3;
/** Particles of Spanish, Catalan, Portuguese, Dutch and German surnames, not names of their own. */
const NAME_PARTICLES = new Set(["del", "las", "los", "dos", "das", "von", "van", "der", "den"]);
/** Five digits in a row of the document are enough to make it guessable from the document. */
const DOCUMENT_DIGIT_RUN = 5;

/** Keyboard rows (Spanish, Italian and US layouts agree on these letters), read either way. */
const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

/**
 * Every reason `password` breaks the structural rules of `policy`; an empty array when none.
 * The common-password list is not consulted here (see `passwordProblems`).
 *
 * @example
 * structuralProblems("Juan1234", PASSWORD_POLICIES.clave, { names: ["Juan"], documentNumber: null })
 * // ["contains_name"]
 */
export function structuralProblems(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext,
): PasswordReason[] {
  const normalised = password.normalize("NFKC");
  const length = [...normalised].length;
  const problems: PasswordReason[] = [];
  if (length < policy.minLength) problems.push("too_short");
  if (length > policy.maxLength) problems.push("too_long");
  if (policy.preset === "clave" && length < GROUPS_WAIVED_FROM) {
    if (groupCount(normalised) < GROUPS_REQUIRED) problems.push("groups");
  }
  const folded = fold(normalised);
  if (containsName(folded, context.names)) problems.push("contains_name");
  if (containsDocument(folded, context.documentNumber)) problems.push("contains_document");
  if (policy.preset === "nist" && isRepetitive(folded)) problems.push("repetitive");
  return problems;
}

/** How many of upper case, lower case, digits and anything else the password uses. */
function groupCount(password: string): number {
  const groups = [/\p{Lu}/u, /\p{Ll}/u, /\p{N}/u, /[^\p{Lu}\p{Ll}\p{N}]/u];
  return groups.filter((group) => group.test(password)).length;
}

/** Case- and accent-insensitive form: "Núñez" and "NUNEZ" both read "nunez". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Letters and digits only, so "12.345.678-Z" and "12345678z" compare equal. */
function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, "");
}

function containsName(folded: string, names: readonly string[]): boolean {
  // Each word of a compound name on its own: "María José" is refused in "jose1990" too.
  const parts = names
    .flatMap((name) => fold(name.normalize("NFKC")).split(/[^\p{L}\p{N}]+/u))
    .filter((part) => [...part].length >= MIN_NAME_PART && !NAME_PARTICLES.has(part));
  const haystack = compact(folded);
  return parts.some((part) => haystack.includes(part));
}

function containsDocument(folded: string, documentNumber: string | null): boolean {
  if (documentNumber === null) return false;
  const document = compact(fold(documentNumber.normalize("NFKC")));
  if (document === "") return false;
  const haystack = compact(folded);
  if (haystack.includes(document)) return true;
  const digits = document.replace(/\D/g, "");
  for (let i = 0; i + DOCUMENT_DIGIT_RUN <= digits.length; i++) {
    if (haystack.includes(digits.slice(i, i + DOCUMENT_DIGIT_RUN))) return true;
  }
  return false;
}

/**
 * Only the whole password counts: one character repeated, a run of consecutive code points
 * ("abcdefgh", "98765432") or a stretch of one keyboard row. Passwords that merely contain a
 * run ("mar1234ina") pass; the common list catches the popular ones.
 */
function isRepetitive(folded: string): boolean {
  const chars = [...folded];
  if (chars.length < 2) return false;
  if (chars.every((c) => c === chars[0])) return true;
  const steps = chars.slice(1).map((c, i) => codePoint(c) - codePoint(chars[i] ?? c));
  if (steps.every((step) => step === 1) || steps.every((step) => step === -1)) return true;
  // Not toReversed(): the login app still supports Chrome 109.
  const reversed = [...chars].reverse().join("");
  return KEYBOARD_ROWS.some((row) => row.includes(folded) || row.includes(reversed));
}

const codePoint = (c: string): number => c.codePointAt(0) ?? 0;
