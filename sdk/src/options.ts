/**
 * Client configuration: who the client is, how it authenticates, and the runtime hooks
 * (`fetch`, clock, clock skew) that make the SDK testable and runtime-agnostic.
 */
import type { CryptoKey, JWK } from "jose";
import type { FetchLike } from "./http.ts";

/**
 * Options shared by every client the SDK creates.
 *
 * @example
 * ```ts
 * createClient({ issuer, clientId, clientSecret, clockSkew: 10, now: () => clock.now() });
 * ```
 */
export type RuntimeOptions = {
  /** The `fetch` to use (a proxy, a test double, a service binding's `fetch`). Default: global. */
  fetch?: FetchLike;
  /** Seconds of tolerated clock difference for `exp`, `iat`, `nbf`, `auth_time`. Default 30. */
  clockSkew?: number;
  /** The current time in milliseconds. Default `Date.now`; inject one in tests. */
  now?: () => number;
  /**
   * Waits `ms` milliseconds, or rejects with the signal's reason when it aborts: how
   * `pollBackchannelToken` waits between polls. Default: a timer; inject one in tests.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/**
 * A private key for `private_key_jwt` (RFC 7523) client authentication.
 *
 * @example
 * ```ts
 * createClient({ issuer, clientId, privateKey: { key: JSON.parse(env.LLAVE_PRIVATE_JWK), kid: "agency-1" } });
 * ```
 */
export type PrivateKeyOptions = {
  /** A private `CryptoKey`, or a private JWK. */
  key: CryptoKey | JWK;
  /** `ES256` (default for EC keys), `RS256` (default for RSA keys) or `PS256`. */
  alg?: "ES256" | "RS256" | "PS256";
  /** The `kid` of the matching public key registered with Llave. Default: the JWK's `kid`. */
  kid?: string;
};

/**
 * How the client authenticates at the token, revocation and introspection endpoints.
 *
 * @example
 * ```ts
 * const credentials: ClientCredentials = { clientSecret: env.LLAVE_CLIENT_SECRET };
 * ```
 */
export type ClientCredentials =
  | {
      /** `client_secret_basic`, the secret form-urlencoded first (RFC 6749 2.3.1). */
      clientSecret: string;
      /** Not with `clientSecret`. */
      privateKey?: never;
    }
  | {
      /** `private_key_jwt`: a fresh signed assertion per request (RFC 7523). */
      privateKey: PrivateKeyOptions;
      /** Not with `privateKey`. */
      clientSecret?: never;
    };

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * createClient({ issuer: "https://llave.example", clientId: "sede", clientSecret: env.SECRET });
 * ```
 */
export type ClientOptions = RuntimeOptions &
  ClientCredentials & {
    /** The issuer identifier, exactly as discovery states it, e.g. `https://llave.example`. */
    issuer: string;
    /** The client id the operator registered. */
    clientId: string;
    /** Seconds discovery and the JWKS are cached. Default 300 (the provider's `max-age`). */
    cacheSeconds?: number;
  };

/** Resolved runtime hooks. */
export type Runtime = {
  fetch: FetchLike;
  skew: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** A timer that an abort signal cancels. */
function timer(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(id);
      reject(signal?.reason);
    };
    const id = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}

export function runtime(options: RuntimeOptions): Runtime {
  return {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    skew: options.clockSkew ?? 30,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? timer,
  };
}
