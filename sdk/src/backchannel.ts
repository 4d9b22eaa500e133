/**
 * Backchannel authentication (OpenID CIBA Core 1.0, poll mode): the agency's backend — a call
 * centre — asks Llave to authenticate a citizen it names by document number, then polls the
 * token endpoint until the citizen has answered in their app. The answer carries Llave's
 * `match_number`, which the operator reads out: the citizen must pick it in the app.
 */
import { type AcrLevel, acrUri } from "./acr.ts";
import type { ClientAuth } from "./client-auth.ts";
import { isLlaveError, LlaveError } from "./errors.ts";
import { oauthJson } from "./http.ts";
import type { Runtime } from "./options.ts";
import { postForm, type TokenSet, tokenRequest } from "./token.ts";

/** The grant type the token endpoint is polled with (CIBA Core 10.1). */
export const CIBA_GRANT_TYPE = "urn:openid:params:grant-type:ciba";
/** Seconds between polls when the provider does not say (CIBA Core 7.3). */
const DEFAULT_INTERVAL_S = 5;
/** Seconds added to the interval on every `slow_down` (CIBA Core 11, RFC 8628 3.5). */
const SLOW_DOWN_S = 5;

/**
 * Parameters of a backchannel authentication request.
 *
 * @example
 * ```ts
 * await client.backchannelAuthenticate({ loginHint: "12345678Z", bindingMessage: "Llamada 4821" });
 * ```
 */
export type BackchannelOptions = {
  /** The citizen's document number (DNI, NIE or codice fiscale); case and spaces are ignored. */
  loginHint: string;
  /**
   * Shown in the citizen's app beside the request, so they can tell it is yours: 1–64
   * printable characters. Say it to the citizen too (a call reference, the reason).
   */
  bindingMessage: string;
  /** Space-separated scopes; `openid` is added when missing. Default `"openid"`. */
  scope?: string;
  /** The lowest level of assurance the service needs (sent as `acr_values`). */
  acrValues?: AcrLevel;
  /** Seconds the request may wait for the citizen; Llave grants at most its own limit. */
  requestedExpiry?: number;
};

/**
 * A started backchannel request: poll with `authReqId`, and read `matchNumber` to the citizen.
 *
 * @example
 * ```ts
 * const { authReqId, matchNumber }: BackchannelRequest = await client.backchannelAuthenticate(options);
 * ```
 */
export type BackchannelRequest = {
  /** What to poll the token endpoint with; a secret of this request (do not log it). */
  authReqId: string;
  /** Seconds until the request expires; polling after that gets `expired_token`. */
  expiresIn: number;
  /** Seconds to wait between polls. */
  interval: number;
  /** The two-digit number the operator reads out; the citizen picks it among three in the app. */
  matchNumber: number;
};

/**
 * Options of `pollBackchannelToken`.
 *
 * @example
 * ```ts
 * const options: PollOptions = { interval: request.interval, acr: "substantial", signal: AbortSignal.timeout(300_000) };
 * ```
 */
export type PollOptions = {
  /** Stops polling: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Seconds between polls: the request's `interval`. Default 5. */
  interval?: number;
  /** The level asked for with `acrValues`; a lower ID token is refused (`acr_not_met`). */
  acr?: AcrLevel;
};

const scopeWithOpenid = (scope = "openid") => {
  const scopes = scope.split(" ").filter(Boolean);
  return (scopes.includes("openid") ? scopes : ["openid", ...scopes]).join(" ");
};

/** Starts a backchannel request and checks the answer's shape. */
export async function startBackchannel(
  rt: Runtime,
  auth: ClientAuth,
  endpoint: string,
  options: BackchannelOptions,
): Promise<BackchannelRequest> {
  const { requestedExpiry } = options;
  if (
    requestedExpiry !== undefined &&
    !(Number.isInteger(requestedExpiry) && requestedExpiry > 0)
  ) {
    throw new LlaveError("invalid_configuration", "requestedExpiry must be a positive integer");
  }
  const params: Record<string, string> = {
    scope: scopeWithOpenid(options.scope),
    login_hint: options.loginHint,
    binding_message: options.bindingMessage,
    ...(options.acrValues === undefined ? {} : { acr_values: acrUri(options.acrValues) }),
    ...(requestedExpiry === undefined ? {} : { requested_expiry: String(requestedExpiry) }),
  };
  const what = "Backchannel authentication endpoint";
  const body = await oauthJson(await postForm(rt, auth, endpoint, params), what);
  const { auth_req_id, expires_in, interval, match_number } = body;
  if (typeof auth_req_id !== "string" || auth_req_id === "") {
    throw new LlaveError("invalid_response", `${what}: no auth_req_id`);
  }
  if (typeof expires_in !== "number" || expires_in <= 0) {
    throw new LlaveError("invalid_response", `${what}: no expires_in`);
  }
  if (interval !== undefined && (typeof interval !== "number" || interval < 0)) {
    throw new LlaveError("invalid_response", `${what}: interval is not a number`);
  }
  if (typeof match_number !== "number" || !Number.isInteger(match_number)) {
    throw new LlaveError("invalid_response", `${what}: no match_number`);
  }
  return {
    authReqId: auth_req_id,
    expiresIn: expires_in,
    interval: interval ?? DEFAULT_INTERVAL_S,
    matchNumber: match_number,
  };
}

/**
 * Polls the token endpoint until the citizen has answered: waits `interval` before each poll,
 * five seconds more after every `slow_down`, and keeps going on `authorization_pending`.
 * Any other answer ends it: the tokens, or the error (`access_denied`, `expired_token`…).
 */
export async function pollBackchannel(
  rt: Runtime,
  auth: ClientAuth,
  endpoint: string,
  authReqId: string,
  options: Pick<PollOptions, "signal" | "interval">,
): Promise<TokenSet> {
  const { signal } = options;
  let intervalMs = (options.interval ?? DEFAULT_INTERVAL_S) * 1000;
  for (;;) {
    await rt.sleep(intervalMs, signal);
    signal?.throwIfAborted();
    try {
      return await tokenRequest(rt, auth, endpoint, {
        grant_type: CIBA_GRANT_TYPE,
        auth_req_id: authReqId,
      });
    } catch (error) {
      if (!isLlaveError(error, "oauth_error")) throw error;
      if (error.error === "slow_down") intervalMs += SLOW_DOWN_S * 1000;
      else if (error.error !== "authorization_pending") throw error;
    }
  }
}
