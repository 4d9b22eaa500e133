/**
 * Rule: `prompt` is a set of known values, with `none` alone (OIDC Core 3.1.2.1), and
 * `max_age` a non-negative integer of seconds.
 */
import type { Prompt } from "../authorization-request.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const PROMPTS: readonly string[] = ["none", "login", "consent"];

export function parsePrompt(params: Params): Prompt[] {
  const values = [...new Set((params.prompt ?? "").split(" ").filter(Boolean))];
  for (const v of values) {
    if (v === "select_account") {
      throw oauth("invalid_request", "prompt=select_account is not supported");
    }
    if (!PROMPTS.includes(v)) throw oauth("invalid_request", `Unknown prompt value: ${v}`);
  }
  if (values.includes("none") && values.length > 1) {
    throw oauth("invalid_request", "prompt=none cannot be combined with other values");
  }
  return values as Prompt[];
}

export function parseMaxAge(params: Params): number | null {
  const raw = params.max_age;
  if (raw === undefined) return null;
  if (!/^\d{1,9}$/.test(raw)) throw oauth("invalid_request", "max_age must be a number of seconds");
  return Number(raw);
}
