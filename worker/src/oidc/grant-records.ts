/**
 * Which grants a citizen holds, so that they can be revoked together. A grant lives in the
 * LoginObject of its login (authorization-grant.ts); the citizen's object keeps a record of
 * each one's handle, the session it was issued in and when it ends (citizen-object.ts
 * `recordGrant`). Logging out of a session revokes the grants issued in it; a suspension
 * revokes them all (docs/oidc.md "Sessions and logout").
 *
 * A grant is recorded before its code or tokens are handed out, so a grant the citizen's
 * object does not know about was never seen by a client.
 */
import type { AppDeps } from "../app.ts";
import type { Client } from "../storage/client-store.ts";

/**
 * When a grant issued now for `client` can no longer be used: its code redeemed at the
 * latest, its refresh family's absolute end, and the last access token minted before that.
 */
export const grantEndsBy = (codeTtlMs: number, client: Client, now: number): number =>
  now + codeTtlMs + (client.refreshTokenTtl + client.accessTokenTtl) * 1000;

export function recordGrant(
  deps: Pick<AppDeps, "sessions" | "config">,
  input: { citizenId: string; handle: string; sid: string | null; client: Client; now: number },
): Promise<void> {
  return deps.sessions.recordGrant(input.citizenId, {
    handle: input.handle,
    sid: input.sid,
    until: grantEndsBy(deps.config.codeTtlMs, input.client, input.now),
  });
}

/** Revokes the grants by handle, all at once; answers how many were live. */
export async function revokeGrants(
  deps: Pick<AppDeps, "logins">,
  handles: readonly string[],
): Promise<number> {
  const revoked = await Promise.all(
    handles.map(async (handle) => (await deps.logins.byHandle(handle)?.revoke()) ?? false),
  );
  return revoked.filter(Boolean).length;
}
