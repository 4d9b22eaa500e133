/**
 * The CIBA grant at the token endpoint (CIBA Core 10.1, 11): `grant_type=
 * urn:openid:params:grant-type:ciba` with the `auth_req_id` that backchannel-authentication.ts
 * answered. The poll is decided inside the request's LoginObject (backchannel-grant.ts): it
 * records the poll's time before answering `authorization_pending` or `slow_down`, and turns an
 * approval into a grant once. Tokens are minted as for a code, without `nonce` or `sid`.
 */
import type { Context } from "hono";
import { auditAfterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import type { Client } from "../storage/client-store.ts";
import type { GrantContext } from "./authorization-grant.ts";
import { BACKCHANNEL_INTERVAL_S } from "./backchannel-authentication.ts";
import type { BackchannelRefusal } from "./backchannel-grant.ts";
import { requireStanding } from "./citizen-standing.ts";
import { recordGrant } from "./grant-records.ts";
import { newGrantToken, readGrantToken } from "./grant-tokens.ts";
import { type OAuthError, oauth } from "./oauth-error.ts";
import { grantTokens, type TokenResponse } from "./tokens.ts";

export const CIBA_GRANT_TYPE = "urn:openid:params:grant-type:ciba";

/** access_denied is a token error here (CIBA Core 11, RFC 6749 5.2): 400, not 403. */
const denied = (description: string) => oauth("access_denied", description, 400);

/** The public description of a poll that gives no tokens; details stay in the audit log. */
function pollError(reason: BackchannelRefusal): OAuthError {
  switch (reason) {
    case "pending":
      return oauth("authorization_pending", "The citizen has not answered in the app yet");
    case "slow_down":
      return oauth(
        "slow_down",
        `Polled sooner than every ${BACKCHANNEL_INTERVAL_S} s; add 5 s to the interval`,
      );
    case "expired":
      return oauth("expired_token", "The request has expired; start a new one");
    case "declined":
      return denied("The citizen declined the request in the app");
    case "not_me":
      return denied("The citizen reported that they did not ask for this");
    case "wrong_number":
      return denied("The citizen picked another number than the one read out");
    case "level_unmet":
      return denied("The approval did not reach the level this request needs");
    case "auth_req_replayed":
      return oauth("invalid_grant", "The auth_req_id has already been used");
    case "auth_req_invalid":
    case "client_mismatch":
      return oauth("invalid_grant", "The auth_req_id is not valid");
  }
}

export async function backchannelGrant(
  deps: AppDeps,
  c: Context,
  client: Client,
  form: URLSearchParams,
  now: number,
): Promise<{ context: GrantContext; response: TokenResponse }> {
  const presented = form.get("auth_req_id");
  if (!presented) throw oauth("invalid_request", "auth_req_id is missing");
  const token = await readGrantToken(presented);
  const stub = token ? deps.logins.byHandle(token.handle) : null;
  if (!token || !stub) throw pollError("auth_req_invalid");
  const offline = client.scopes.includes("offline_access");
  const refresh = offline ? await newGrantToken(token.handle, deps.random) : null;
  const polled = await stub.pollBackchannel({
    hash: token.hash,
    clientId: client.id,
    now,
    intervalMs: BACKCHANNEL_INTERVAL_S * 1000,
    refresh: refresh ? { hash: refresh.hash, ttlMs: client.refreshTokenTtl * 1000 } : null,
  });
  if (!polled.ok) {
    // A replay is an attack or a broken client: the grant is revoked, and the log says so.
    if (polled.reason === "auth_req_replayed") {
      auditAfterResponse(c, deps.audit, {
        ...requester(c, "anonymous"),
        event: "oidc.code_replayed",
        at: now,
        citizenId: null,
        detail: { clientId: client.id, grantType: CIBA_GRANT_TYPE },
      });
    }
    throw pollError(polled.reason);
  }
  const { citizenId } = polled.context.authentication;
  await requireStanding(deps, token.handle, polled.context.authentication);
  // No session stands behind it: only a suspension revokes it (grant-records.ts).
  await recordGrant(deps, { citizenId, handle: token.handle, sid: null, client, now });
  return grantTokens(deps, {
    client,
    context: polled.context,
    handle: token.handle,
    refresh,
    withNonce: false,
    now,
  });
}
