/**
 * Rule: the `claims` parameter (OIDC Core 5.5) is a JSON object whose `id_token` and
 * `userinfo` members are objects of claim rules (null or { essential, value, values }).
 */
import type { ClaimRule, ClaimsRequest } from "../authorization-request.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function rules(member: unknown, name: string): Record<string, ClaimRule> | undefined {
  if (member === undefined) return undefined;
  if (!isObject(member)) throw oauth("invalid_request", `claims.${name} must be an object`);
  const out: Record<string, ClaimRule> = {};
  for (const [claim, rule] of Object.entries(member)) {
    if (rule !== null && !isObject(rule)) {
      throw oauth("invalid_request", `claims.${name}.${claim} must be null or an object`);
    }
    if (rule && "values" in rule && !Array.isArray(rule.values)) {
      throw oauth("invalid_request", `claims.${name}.${claim}.values must be an array`);
    }
    out[claim] = rule as ClaimRule;
  }
  return out;
}

export function parseClaims(params: Params): ClaimsRequest | null {
  if (params.claims === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(params.claims);
  } catch {
    throw oauth("invalid_request", "claims is not valid JSON");
  }
  if (!isObject(parsed)) throw oauth("invalid_request", "claims must be a JSON object");
  const idToken = rules(parsed.id_token, "id_token");
  const userinfo = rules(parsed.userinfo, "userinfo");
  return { ...(idToken ? { id_token: idToken } : {}), ...(userinfo ? { userinfo } : {}) };
}
