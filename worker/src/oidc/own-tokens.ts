/**
 * Verifying tokens this provider signed: access tokens (userinfo, introspection) and ID tokens
 * presented back as `id_token_hint` (logout). Signature against our own keys by `kid`, our
 * issuer, and for access tokens the `at+jwt` type and a grant that is still live.
 */
import { type JWTPayload, jwtVerify } from "jose";
import type { AppDeps } from "../app.ts";
import { SIGNING_ALGS } from "../keys/signing-keys.ts";
import type { GrantContext } from "./authorization-grant.ts";
import { handleOfTokenId } from "./grant-tokens.ts";

type Deps = Pick<AppDeps, "keys" | "config" | "logins">;

async function verifyOwn(
  deps: Deps,
  jwt: string,
  options: { typ?: string; now: number; ignoreExpiry?: boolean },
): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(
      jwt,
      async (header) => {
        const key = header.kid ? await deps.keys.publicKey(header.kid) : null;
        if (!key) throw new Error("unknown kid");
        return key;
      },
      {
        algorithms: [...SIGNING_ALGS],
        issuer: deps.config.issuer,
        ...(options.typ ? { typ: options.typ } : {}),
        currentDate: new Date(options.ignoreExpiry ? 0 : options.now),
        clockTolerance: options.ignoreExpiry ? Number.MAX_SAFE_INTEGER : 0,
      },
    );
    return payload;
  } catch {
    return null;
  }
}

export type LiveAccessToken = { payload: JWTPayload; grant: GrantContext; handle: string };

/** A valid access token whose grant is still live, or null. */
export async function liveAccessToken(
  deps: Deps,
  token: string,
  now: number,
): Promise<LiveAccessToken | null> {
  const payload = await verifyOwn(deps, token, { typ: "at+jwt", now });
  const handle = handleOfTokenId(payload?.jti);
  if (!payload || !handle) return null;
  const grant = await deps.logins.byHandle(handle)?.grant();
  return grant ? { payload, grant, handle } : null;
}

/** An ID token we issued, expired or not (RP-initiated logout accepts expired hints). */
export const idTokenHint = (deps: Deps, token: string, now: number) =>
  verifyOwn(deps, token, { now, ignoreExpiry: true });
