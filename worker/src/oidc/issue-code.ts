/**
 * Issues the one authorization code of an authenticated login transaction, bound to the
 * single sign-on session it was issued in. Only the code's digest is stored.
 */
import type { AppDeps } from "../app.ts";
import { newGrantToken } from "./grant-tokens.ts";
import { oauth } from "./oauth-error.ts";

export async function issueCodeFor(
  deps: Pick<AppDeps, "logins" | "random" | "config">,
  loginId: string,
  sid: string,
  now: number,
): Promise<string> {
  const code = await newGrantToken(deps.logins.handleOf(loginId), deps.random);
  const issued = await deps.logins.get(loginId).issueCode({
    codeHash: code.hash,
    sid,
    now,
    ttlMs: deps.config.codeTtlMs,
  });
  if (!issued.ok) {
    throw oauth(
      issued.reason === "login_expired" ? "access_denied" : "invalid_request",
      issued.reason === "login_expired"
        ? "The login took too long; start again"
        : "This login has already been completed",
    );
  }
  return code.value;
}
