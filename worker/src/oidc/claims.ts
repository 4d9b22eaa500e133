/**
 * Which identity claims a grant releases, and their values (OIDC Core 5.1, 5.4, 5.5). Claims
 * follow the granted scopes; the `claims` parameter may ask for individual claims, but only
 * within what the client is allowed (its registered scopes), for userinfo or the ID token.
 *
 * `document` is Llave's scope for what agencies most need: the document type and number.
 * Contact data is registered (and checked) by registration officers, hence `*_verified`.
 */
import type { Citizen } from "../storage/account-store.ts";
import type { Scope } from "../storage/client-store.ts";
import type { ClaimsRequest } from "./authorization-request.ts";

const BY_SCOPE = {
  profile: ["name", "given_name", "family_name", "birthdate"],
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_number_verified"],
  document: ["document_type", "document_number"],
} as const satisfies Partial<Record<Scope, readonly string[]>>;

type IdentityClaim = (typeof BY_SCOPE)[keyof typeof BY_SCOPE][number];

export const SUPPORTED_CLAIMS = [
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "acr",
  "amr",
  "sid",
  "azp",
  ...Object.values(BY_SCOPE).flat(),
];

const familyName = (c: Citizen) =>
  c.secondFamilyName ? `${c.familyName} ${c.secondFamilyName}` : c.familyName;

function value(citizen: Citizen, claim: IdentityClaim): unknown {
  switch (claim) {
    case "name":
      return `${citizen.givenName} ${familyName(citizen)}`;
    case "given_name":
      return citizen.givenName;
    case "family_name":
      return familyName(citizen);
    case "birthdate":
      return citizen.birthDate;
    case "email":
      return citizen.email ?? undefined;
    case "email_verified":
      return citizen.email ? true : undefined;
    case "phone_number":
      return citizen.mobile ?? undefined;
    case "phone_number_verified":
      return citizen.mobile ? true : undefined;
    case "document_type":
      return citizen.documentType;
    case "document_number":
      return citizen.documentNumber;
  }
}

/** Every identity claim the granted scopes allow. */
function allowed(scope: readonly Scope[]): Set<IdentityClaim> {
  const out = new Set<IdentityClaim>();
  for (const s of scope)
    if (s in BY_SCOPE) for (const c of BY_SCOPE[s as keyof typeof BY_SCOPE]) out.add(c);
  return out;
}

/**
 * The `claims` parameter limited to identity claims the client may ever receive (its allowed
 * scopes), so that asking for a claim by name cannot reach past the client's registration.
 */
export function limitClaims(
  claims: ClaimsRequest | null,
  clientScopes: readonly Scope[],
): ClaimsRequest | null {
  if (!claims) return null;
  const permitted = allowed(clientScopes);
  const keep = (rules: ClaimsRequest["userinfo"]) =>
    rules &&
    Object.fromEntries(Object.entries(rules).filter(([c]) => permitted.has(c as IdentityClaim)));
  const idToken = keep(claims.id_token);
  const userinfo = keep(claims.userinfo);
  return { ...(idToken ? { id_token: idToken } : {}), ...(userinfo ? { userinfo } : {}) };
}

/**
 * The identity claims for one place: `userinfo` releases what the granted scopes allow plus
 * the claims asked for by name in `claims.userinfo`; the ID token carries only those asked for
 * in `claims.id_token` (OIDC Core 5.4: with an access token, scope claims go to userinfo).
 * `claims` must already be limited to the client (`limitClaims`).
 */
export function identityClaims(
  citizen: Citizen,
  scope: readonly Scope[],
  claims: ClaimsRequest | null,
  target: "id_token" | "userinfo",
): Record<string, unknown> {
  const wanted =
    target === "userinfo"
      ? new Set<string>([...allowed(scope), ...Object.keys(claims?.userinfo ?? {})])
      : new Set(Object.keys(claims?.id_token ?? {}));
  const out: Record<string, unknown> = {};
  for (const claim of wanted) {
    const v = value(citizen, claim as IdentityClaim);
    if (v !== undefined) out[claim] = v;
  }
  return out;
}

/** True when the ID token must carry identity claims, i.e. the citizen record is needed. */
export const idTokenNeedsCitizen = (claims: ClaimsRequest | null): boolean =>
  Object.keys(claims?.id_token ?? {}).length > 0;
