/**
 * Wire errors of the protocol endpoints (RFC 6749 5.2 and 4.1.2.1, OIDC Core 3.1.2.6, RFC 6750
 * 3.1, RFC 9207, CIBA Core 11 and 13): an exact `error` code, a public description, and the
 * HTTP status it is answered with when it is not redirected. Our own JSON APIs use problem+json instead
 * (errors.ts); these endpoints speak OAuth because certified client libraries expect it.
 */
export const OAUTH_ERRORS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_scope: 400,
  access_denied: 403,
  server_error: 500,
  temporarily_unavailable: 503,
  login_required: 400,
  consent_required: 400,
  interaction_required: 400,
  invalid_request_object: 400,
  request_not_supported: 400,
  request_uri_not_supported: 400,
  registration_not_supported: 400,
  unmet_authentication_requirements: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  // CIBA Core 13 (the backchannel authentication endpoint) and 11 (its grant at /token).
  unknown_user_id: 400,
  invalid_binding_message: 400,
  authorization_pending: 400,
  slow_down: 400,
  expired_token: 400,
} as const satisfies Record<string, number>;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

export class OAuthError extends Error {
  override name = "OAuthError";
  readonly error: OAuthErrorCode;
  readonly description: string;
  /** A status other than the code's usual one (`access_denied` is 400 at the token endpoint). */
  readonly #status: number | undefined;

  constructor(error: OAuthErrorCode, description: string, status?: number) {
    super(`${error}: ${description}`);
    this.error = error;
    this.description = description;
    this.#status = status;
  }

  get status(): number {
    return this.#status ?? OAUTH_ERRORS[this.error];
  }

  /** The JSON body of a token, introspection or revocation error. */
  body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

/** Shorthand used by the one-rule checks: `throw oauth("invalid_request", "…")`. */
export const oauth = (error: OAuthErrorCode, description: string, status?: number): OAuthError =>
  new OAuthError(error, description, status);

/** Headers every protocol answer carrying tokens or errors must have (RFC 6749 5.1). */
export const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

/** A JSON error answer for the back-channel endpoints (token, introspection, revocation). */
export function oauthErrorResponse(
  error: OAuthError,
  headers: Record<string, string> = {},
  status = error.status,
) {
  return new Response(JSON.stringify(error.body()), {
    status,
    headers: { "content-type": "application/json", ...NO_STORE, ...headers },
  });
}
