/**
 * OpenID Provider metadata (OIDC Discovery 1.0), fetched once and cached. The document's
 * `issuer` must equal the configured one exactly (Discovery 4.3): otherwise tokens could be
 * accepted from a provider the agency did not choose.
 */
import { LlaveError } from "./errors.ts";
import { jsonObject, send } from "./http.ts";
import type { Runtime } from "./options.ts";

/**
 * The provider metadata the SDK relies on; other members are kept as they came.
 *
 * @example
 * ```ts
 * const { acr_values_supported } = await client.metadata();
 * ```
 */
export type ProviderMetadata = {
  /** The issuer identifier; equal to the configured `issuer`, or discovery fails. */
  issuer: string;
  /** Where `createAuthorizationRequest` sends the browser. */
  authorization_endpoint: string;
  /** Where codes and refresh tokens are redeemed. */
  token_endpoint: string;
  /** The provider's public signing keys (JWKS). */
  jwks_uri: string;
  /** Where `userinfo` asks for the scopes' claims. */
  userinfo_endpoint?: string;
  /** Where `revoke` sends a token (RFC 7009). */
  revocation_endpoint?: string;
  /** Where `introspect` asks about a token (RFC 7662). */
  introspection_endpoint?: string;
  /** Where `logoutUrl` points (RP-Initiated Logout). */
  end_session_endpoint?: string;
  /** Where `backchannelAuthenticate` starts a CIBA request. */
  backchannel_authentication_endpoint?: string;
  /** How CIBA tokens are delivered: Llave offers `["poll"]`. */
  backchannel_token_delivery_modes_supported?: string[];
  /** The ID-token signing algorithms, e.g. `["ES256", "RS256"]`. */
  id_token_signing_alg_values_supported?: string[];
  /** The eIDAS levels Llave can assert, as `acr` URIs. */
  acr_values_supported?: string[];
  /** `true`: authorization responses carry `iss` (RFC 9207), which the SDK requires. */
  authorization_response_iss_parameter_supported?: boolean;
  /** Any other member, as discovery sent it. */
  [member: string]: unknown;
};

const REQUIRED = ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const;

/** Fetches and checks the metadata of `issuer`. */
export async function discover(issuer: string, rt: Runtime): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const response = await send(rt.fetch, url, { headers: { accept: "application/json" } }).catch(
    (cause: unknown) => {
      throw new LlaveError("discovery_failed", `Discovery at ${url} failed`, { cause });
    },
  );
  if (!response.ok) {
    throw new LlaveError("discovery_failed", `Discovery at ${url} answered ${response.status}`, {
      status: response.status,
    });
  }
  const body = await jsonObject(response, "Discovery").catch((cause: unknown) => {
    throw new LlaveError("discovery_failed", `Discovery at ${url} is not a JSON object`, { cause });
  });
  if (body.issuer !== issuer) {
    throw new LlaveError("discovery_failed", `Discovery names issuer ${String(body.issuer)}`);
  }
  for (const member of REQUIRED) {
    if (typeof body[member] !== "string") {
      throw new LlaveError("discovery_failed", `Discovery has no ${member}`);
    }
  }
  return body as ProviderMetadata;
}

/** A cached value refreshed after `ttlMs`; concurrent callers share one fetch. */
export function cached<T>(load: () => Promise<T>, ttlMs: number, now: () => number) {
  let entry: { value: Promise<T>; at: number } | null = null;
  return {
    get(): Promise<T> {
      if (entry && now() - entry.at < ttlMs) return entry.value;
      const value = load();
      const fresh = { value, at: now() };
      entry = fresh;
      // A failed load is not cached: the next call tries again.
      value.catch(() => {
        if (entry === fresh) entry = null;
      });
      return value;
    },
    /** When the current value was loaded, or `null`. */
    age(): number | null {
      return entry ? now() - entry.at : null;
    },
    clear(): void {
      entry = null;
    },
  };
}
