/**
 * Every failure the SDK reports is a {@link LlaveError} whose `code` is a string literal, so a
 * `switch (error.code)` narrows and the compiler checks it is exhaustive. Messages never carry
 * secrets, tokens or codes: only what failed and why, so they are safe to log.
 */

/**
 * The stable codes of {@link LlaveError}. New codes may be added in minor versions.
 *
 * @example
 * ```ts
 * if (isLlaveError(error, "oauth_error")) console.warn(error.error);
 * ```
 */
export type LlaveErrorCode =
  /** The callback's `state` is missing or not the one stored with the request. */
  | "invalid_state"
  /** The authorization response has no `iss` (RFC 9207); Llave always sends it. */
  | "missing_iss"
  /** The authorization response's `iss` names another issuer (a mix-up attack). */
  | "iss_mismatch"
  /** The ID token failed verification: signature, `alg`, `iss`, `aud`, `azp`, times, `at_hash`. */
  | "id_token_invalid"
  /** The ID token's `nonce` is missing or not the one stored with the request. */
  | "nonce_mismatch"
  /** The login reached a lower level of assurance than the one requested. */
  | "acr_not_met"
  /** The provider answered with an OAuth error (`error`, `error_description`). */
  | "oauth_error"
  /** Discovery failed, or its issuer does not match the configured one. */
  | "discovery_failed"
  /** The JWKS could not be fetched or has no usable key. */
  | "jwks_failed"
  /** An access token failed RFC 9068 verification. */
  | "access_token_invalid"
  /** The provider answered something that is not the documented shape. */
  | "invalid_response"
  /** A network error reaching the provider. */
  | "network_error"
  /** The admin API answered an RFC 9457 problem (`type`, `status`, `problemCode`). */
  | "problem"
  /** A session cookie that is missing, expired, or was not made with this key. */
  | "invalid_session"
  /** The SDK was configured or called wrongly. */
  | "invalid_configuration";

/**
 * The one error class of the SDK. Narrow on `code`:
 *
 * @example
 * ```ts
 * try {
 *   await client.handleCallback(request.url, expected);
 * } catch (error) {
 *   if (error instanceof LlaveError && error.code === "oauth_error" && error.error === "access_denied") {
 *     return redirect("/cancelled");
 *   }
 *   throw error;
 * }
 * ```
 */
export class LlaveError<C extends LlaveErrorCode = LlaveErrorCode> extends Error {
  /** Always `LlaveError`. */
  override readonly name = "LlaveError";
  /** What failed; stable, for `switch`. */
  readonly code: C;
  /** The OAuth `error` (RFC 6749 5.2 / OIDC), for `oauth_error`. */
  readonly error: string | undefined;
  /** The OAuth `error_description`, for `oauth_error`. */
  readonly errorDescription: string | undefined;
  /** The problem `type` URI (RFC 9457), for `problem`. */
  readonly type: string | undefined;
  /** The HTTP status of the answer, when the error comes from one. */
  readonly status: number | undefined;
  /** Llave's problem `code` (`client_not_found`, `invalid_client_metadata`…), for `problem`. */
  readonly problemCode: string | undefined;
  /** The problem or OAuth error body as received (never containing a credential of ours). */
  readonly body: Readonly<Record<string, unknown>> | undefined;

  constructor(code: C, message: string, details: LlaveErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
    this.type = details.type;
    this.status = details.status;
    this.problemCode = details.problemCode;
    this.body = details.body;
  }
}

/**
 * Optional fields of a {@link LlaveError}, as its constructor takes them; each is copied onto
 * the error under the same name (`cause` becomes the standard `Error.cause`).
 *
 * @example
 * ```ts
 * const details: LlaveErrorDetails = { error: "invalid_grant", status: 400 };
 * throw new LlaveError("oauth_error", "invalid_grant", details);
 * ```
 */
export type LlaveErrorDetails = {
  /** The OAuth `error`. */
  error?: string | undefined;
  /** The OAuth `error_description`. */
  errorDescription?: string | undefined;
  /** The problem `type` URI (RFC 9457). */
  type?: string | undefined;
  /** The HTTP status of the answer. */
  status?: number | undefined;
  /** Llave's problem `code`. */
  problemCode?: string | undefined;
  /** The error or problem body as received. */
  body?: Readonly<Record<string, unknown>> | undefined;
  /** The underlying error (a network failure, a jose verification error). */
  cause?: unknown;
};

/**
 * Whether `value` is a {@link LlaveError}, optionally with the given code; narrows both.
 *
 * @example
 * ```ts
 * if (isLlaveError(error, "acr_not_met")) askForStepUp();
 * ```
 */
export function isLlaveError<C extends LlaveErrorCode = LlaveErrorCode>(
  value: unknown,
  code?: C,
): value is LlaveError<C> {
  return value instanceof LlaveError && (code === undefined || value.code === code);
}

/** An `oauth_error` from an RFC 6749 error object (query or JSON body). */
export function oauthError(
  source: { error: string; error_description?: string | undefined },
  status?: number,
): LlaveError<"oauth_error"> {
  const description = source.error_description;
  return new LlaveError(
    "oauth_error",
    description ? `${source.error}: ${description}` : source.error,
    {
      error: source.error,
      errorDescription: description,
      status,
      body: { ...source },
    },
  );
}
