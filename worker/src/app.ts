/**
 * createApp: the one composition root. Everything the app needs arrives here as a port —
 * storage, Durable Objects, delivery, clock and randomness — and index.ts (production and
 * local stack) and the tests are the only places that choose adapters.
 *
 * @example
 * const app = createApp({ config, accounts, audit, clients, citizens, sessions, logins, keys,
 *   delivery, outbound, clock, random });
 * export default { fetch: app.fetch };
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { accountRoutes } from "./account/account-routes.ts";
import { adminRoutes } from "./admin/admin-routes.ts";
import { apiDocs } from "./api/docs.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Random } from "./crypto/random.ts";
import type { Delivery } from "./delivery/delivery.ts";
import type { OutboxDelivery } from "./delivery/outbox.ts";
import { outboxRoutes } from "./dev/outbox-routes.ts";
import { Problem } from "./errors.ts";
import type { SigningKeys } from "./keys/signing-keys.ts";
import { loginPageRoutes } from "./login/login-page.ts";
import { loginRoutes } from "./login/login-routes.ts";
import { appRoutes } from "./methods/mobile/app-routes.ts";
import { deviceCancelRoutes } from "./methods/mobile/device-cancel-routes.ts";
import { passwordHasher } from "./methods/password/password-hasher.ts";
import type {
  CitizenApps,
  CitizenChallenges,
  CitizenSessions,
  LoginTransactions,
  RateLimits,
} from "./objects/ports.ts";
import type { Fetcher } from "./oidc/backchannel-logout.ts";
import { completeLoginRoutes } from "./oidc/complete-login.ts";
import { oauth, oauthErrorResponse } from "./oidc/oauth-error.ts";
import { oidcRoutes } from "./oidc/routes.ts";
import { assetRoutes } from "./pages/asset-routes.ts";
import { citizenAppRoutes } from "./pages/citizen-app-routes.ts";
import { errorPage, pageTexts, wantsPage } from "./pages/error-page.ts";
import type { AccountStore } from "./storage/account-store.ts";
import type { AuditLog } from "./storage/audit-log.ts";
import type { ClientStore } from "./storage/client-store.ts";
import type { CredentialStore } from "./storage/credential-store.ts";
import type { DeviceStore } from "./storage/device-store.ts";

export type AppDeps = {
  config: Config;
  accounts: AccountStore;
  audit: AuditLog;
  clients: ClientStore;
  credentials: CredentialStore;
  devices: DeviceStore;
  citizens: CitizenChallenges;
  /** The citizen app's inbox, push limits and sockets, in the citizen's object. */
  apps: CitizenApps;
  sessions: CitizenSessions;
  logins: LoginTransactions;
  limits: RateLimits;
  keys: SigningKeys;
  delivery: Delivery;
  /** Outbound HTTP to agencies (back-channel logout); the platform fetch in production. */
  outbound: Fetcher;
  clock: Clock;
  random: Random;
  /** Present only in dev mode: the outbox that `delivery` writes to. */
  outbox?: OutboxDelivery | undefined;
};

/** Bodies are small (JSON APIs, protocol forms); anything bigger is refused before parsing. */
const MAX_BODY_BYTES = 16 * 1024;

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // One per app, so one per isolate: the bound on concurrent hashes is a bound on memory.
  const hasher = passwordHasher(deps.config.password, deps.random);

  app.use("*", async (c, next) => {
    await next();
    // No page of Llave may be framed, except the login page and the response page of a login
    // started by <llave-login>, which name the one origin allowed (pages/html.ts).
    if (!c.res.headers.has("content-security-policy")) {
      c.res.headers.set("content-security-policy", "frame-ancestors 'none'");
    }
    c.res.headers.set("x-content-type-options", "nosniff");
    if (!c.res.headers.has("referrer-policy")) c.res.headers.set("referrer-policy", "no-referrer");
  });

  for (const path of ["/api/*", "/admin/*"]) {
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set("cache-control", "no-store");
    });
  }
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // Protocol endpoints answer in OAuth's terms; our own APIs with a problem document.
        if (/^\/(token|userinfo|backchannel-authentication)(\/|$)/.test(c.req.path)) {
          const error = oauth("invalid_request", `Bodies are limited to ${MAX_BODY_BYTES} bytes`);
          return oauthErrorResponse(error, {}, 413);
        }
        throw new Problem("payload_too_large", `Bodies are limited to ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );

  app.get("/", (c) => c.redirect("/docs"));
  app.route("/", assetRoutes());
  app.route("/", oidcRoutes(deps));
  app.route("/login", loginPageRoutes(deps));
  app.route("/login", completeLoginRoutes(deps));
  app.route("/api/logins", loginRoutes(deps, hasher));
  app.route("/api/app", appRoutes(deps));
  app.route("/devices/cancel", deviceCancelRoutes(deps));
  app.route("/", citizenAppRoutes(deps));
  app.route("/admin", adminRoutes(deps));
  app.route("/", accountRoutes(deps, hasher));
  app.route("/", apiDocs(deps));
  if (deps.config.devMode && deps.outbox)
    app.route("/dev", outboxRoutes(deps.outbox, deps.config.timeZone));

  // Browsers asking for a page get one, with a way back; APIs and clients keep problem+json.
  app.notFound((c) => {
    if (!wantsPage(c)) return new Problem("not_found").toResponse();
    const { t } = pageTexts(c);
    return errorPage(c, { title: t("notFound.title"), lines: [t("notFound.text")], status: 404 });
  });
  app.onError((error, c) => {
    if (error instanceof Problem) return error.toResponse();
    if (error instanceof HTTPException) {
      // Hono's own 4xx (e.g. a body that is not valid JSON) keep their status, as problems.
      if (error.status === 413) return new Problem("payload_too_large").toResponse();
      if (error.status < 500) return new Problem("invalid_request", error.message).toResponse();
    }
    console.error("unhandled error:", error instanceof Error ? error.stack : error);
    if (wantsPage(c)) {
      const { t } = pageTexts(c);
      return errorPage(c, { title: t("server.title"), lines: [t("server.text")], status: 500 });
    }
    return new Problem("server_error").toResponse();
  });
  return app;
}
