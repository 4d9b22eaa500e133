/**
 * A provider as the token benchmark sees it — Llave in workerd or oidc-provider in its own
 * process: where it listens, the process whose CPU is measured, the bench client registered
 * with it, and the endpoints its discovery document names. Both get the same client: a
 * confidential web client (`client_secret_basic`), code flow with PKCE, ES256 ID tokens.
 */
import { expectStatus, FunctionalError, type Get } from "./http.ts";

export const PROVIDERS = ["Llave", "oidc-provider"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** The client both providers know; the redirect goes to a closed port, no one follows it. */
export const BENCH_CLIENT = {
  id: "bench-agency",
  name: "Bench agency",
  redirectUri: "http://127.0.0.1:9/cb",
} as const;

export type BenchClient = { id: string; secret: string; redirectUri: string };

export const DISCOVERY_PATH = "/.well-known/openid-configuration";

/** Paths (and query) on the provider's own port. */
export type Endpoints = { discovery: string; authorization: string; token: string; jwks: string };

export type OidcTarget = {
  name: ProviderName;
  issuer: string;
  port: number;
  /** The server process: workerd, or the oidc-provider process. */
  serverPid: number;
  client: BenchClient;
  endpoints: Endpoints;
};

/**
 * The endpoints of `issuer`'s discovery document. Each must be on the issuer's own origin: the
 * bench sends everything to the port it started the provider on.
 */
export async function discover(get: Get, issuer: string): Promise<Endpoints> {
  const reply = await get(DISCOVERY_PATH);
  expectStatus(`${issuer} GET ${DISCOVERY_PATH}`, reply, 200);
  const metadata = JSON.parse(reply.text) as Record<string, unknown>;
  if (metadata.issuer !== issuer) {
    throw new FunctionalError(`discovery names issuer ${metadata.issuer}, expected ${issuer}`);
  }
  const path = (field: string): string => {
    const value = metadata[field];
    if (typeof value !== "string") throw new FunctionalError(`discovery has no ${field}`);
    const url = new URL(value);
    if (url.origin !== new URL(issuer).origin) {
      throw new FunctionalError(`discovery's ${field} ${value} is not on ${issuer}`);
    }
    return `${url.pathname}${url.search}`;
  };
  return {
    discovery: DISCOVERY_PATH,
    authorization: path("authorization_endpoint"),
    token: path("token_endpoint"),
    jwks: path("jwks_uri"),
  };
}
