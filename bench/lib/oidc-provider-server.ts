/**
 * The oidc-provider side of the token benchmark, in a Node process of its own (started by
 * bench/lib/oidc-provider.ts), so that, like workerd, its CPU is told apart from the load
 * generator's. oidc-provider 9, the certified Node.js provider, as its quick start sets it up:
 * the memory adapter (with room for every code of a round), dev interactions for sign-in and
 * consent, and one client configured as Llave's bench client (client_secret_basic, code flow,
 * PKCE S256 required, ES256 ID tokens).
 *
 * The configuration is JSON in argv[2]; "ready" goes to the parent over IPC once it listens.
 * The process exits when its parent goes away.
 */
import { createServer } from "node:http";
import Provider from "oidc-provider";
import MemoryAdapter from "oidc-provider/lib/adapters/memory_adapter.js";
import LRU from "oidc-provider/lib/helpers/lru.js";
import { signingKey } from "../../scripts/lib/secrets.ts";
import type { BenchClient } from "./oidc-target.ts";

export type OidcProviderConfig = {
  port: number;
  client: BenchClient;
  /**
   * Entries the memory adapter keeps. Its default store holds 1,000, fewer codes than a round
   * mints (the oldest are evicted); the bench gives the same adapter class a larger store.
   */
  storeSize: number;
  cookieKey: string;
};

const config = JSON.parse(process.argv[2] ?? "") as OidcProviderConfig;
const issuer = `http://127.0.0.1:${config.port}`;

const store = new LRU({ maxSize: config.storeSize });
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.client.id,
      client_secret: config.client.secret,
      token_endpoint_auth_method: "client_secret_basic",
      redirect_uris: [config.client.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      id_token_signed_response_alg: "ES256",
    },
  ],
  // The default adapter, as oidc-provider builds it (clockTolerance 15 s, its default), bar the
  // store's size.
  adapter: (model: string) => new MemoryAdapter(model, store, 15),
  jwks: { keys: [signingKey("ES256", "oidc-provider-bench-es256")] },
  // Llave requires PKCE of every client; oidc-provider's default requires it of public ones only.
  pkce: { required: () => true },
  findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
  cookies: { keys: [config.cookieKey] },
});
provider.on("server_error", (_ctx, error) => console.error(`server_error: ${error.stack}`));
// Why a token request failed: the parent sees only the wire error.
provider.on("grant.error", (_ctx, error) =>
  console.error(
    `grant.error: ${error.message} (${(error as { error_detail?: string }).error_detail})`,
  ),
);

const server = createServer(provider.callback());
// The load generator keeps its connections open between rounds, as workerd lets it.
server.keepAliveTimeout = 60_000;
server.listen(config.port, "127.0.0.1", () => process.send?.("ready"));
process.on("disconnect", () => process.exit(0));
