/**
 * Workers entry: chooses the adapters for this deployment and hands them to createApp.
 * Production: libSQL over HTTP (LIBSQL_URL) and the delivery gateways. Local stack and tests:
 * the LIBSQL_BRIDGE and DEV_OUTBOX service bindings to the Node process (scripts/lib/).
 */
import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { ConfigError, configFrom } from "./config.ts";
import { cryptoRandom } from "./crypto/random.ts";
import { GatewayDelivery } from "./delivery/gateway.ts";
import { OutboxDelivery } from "./delivery/outbox.ts";
import type { Env } from "./env.ts";
import { Problem } from "./errors.ts";
import { signingKeys } from "./keys/signing-keys.ts";
import {
  citizenApps,
  citizenChallenges,
  citizenSessions,
  loginTransactions,
  rateLimits,
} from "./objects/ports.ts";
import { bufferedAuditLog } from "./storage/buffered-audit-log.ts";
import { cachedClientStore } from "./storage/cached-client-store.ts";
import { accountsFrom } from "./storage/libsql/open.ts";

export { CitizenObject } from "./objects/citizen-object.ts";
export { LimiterObject } from "./objects/limiter-object.ts";
export { LoginObject } from "./objects/login-object.ts";

const apps = new WeakMap<Env, Hono>();

/** Audit events are written in groups: at most this many, at most this late. */
const AUDIT_BATCH = { maxEvents: 100, maxDelayMs: 20 };

/** The app for this isolate's env, built once. */
export function appFor(env: Env): Hono {
  let app = apps.get(env);
  if (app) return app;
  const config = configFrom(env);
  const { accounts, audit, clients, credentials, devices } = accountsFrom(
    config,
    env,
    systemClock,
    cryptoRandom,
  );
  // Dev mode with the outbox binding captures every message; otherwise messages go out
  // through the gateways, of which SMS is the one no PIN login can do without.
  const outbox = config.devMode && env.DEV_OUTBOX ? new OutboxDelivery(env.DEV_OUTBOX) : undefined;
  if (!outbox && !config.gateways.sms) {
    throw new ConfigError("SMS_GATEWAY_URL is required unless DEV_MODE is on with a dev outbox");
  }
  app = createApp({
    config,
    accounts,
    audit: bufferedAuditLog(audit, AUDIT_BATCH),
    clients: cachedClientStore(clients, systemClock, config.clientCacheMs),
    credentials,
    devices,
    citizens: citizenChallenges(env.CITIZENS),
    apps: citizenApps(env.CITIZENS),
    sessions: citizenSessions(env.CITIZENS),
    logins: loginTransactions(env.LOGINS),
    limits: rateLimits(env.LIMITS),
    keys: signingKeys(config.signingKeys),
    delivery: outbox ?? new GatewayDelivery({ ...config.gateways, app: config.gateways.push }),
    // Wrapped: the platform's fetch must not be called as a method of another object.
    outbound: (url, init) => fetch(url, init),
    clock: systemClock,
    random: cryptoRandom,
    outbox,
  });
  apps.set(env, app);
  return app;
}

export default {
  fetch(request, env, ctx) {
    let app: Hono;
    try {
      app = appFor(env);
    } catch (error) {
      // A misconfigured deployment answers a plain problem and says why in the logs only.
      console.error(error instanceof ConfigError ? error.message : error);
      return new Problem("server_error", "The service is not configured correctly").toResponse();
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
