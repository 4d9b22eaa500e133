/**
 * Rule: `scope` includes `openid`; values the client is not allowed, and unknown values, are
 * left out of the grant (OIDC Core 3.1.2.1 says unknown values should be ignored), so the
 * granted scope may be narrower than the requested one; the token response says which.
 */
import { type Client, SCOPES, type Scope } from "../../storage/client-store.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

export function grantedScope(client: Client, params: Params): Scope[] {
  const requested = (params.scope ?? "").split(" ").filter(Boolean);
  if (!requested.includes("openid")) {
    throw oauth("invalid_scope", "scope must include openid");
  }
  return [...new Set(requested)].filter(isScope).filter((s) => client.scopes.includes(s));
}
