/**
 * `@llave/sdk/hono`: Llave login for a Hono app in a few lines. `llave()` mounts the login,
 * callback and logout routes and puts the citizen's session (from an encrypted cookie) on
 * every request's context as `c.var.llave`. The pending request (`state`, `nonce`, PKCE
 * verifier) lives in its own short-lived sealed cookie, bound to this browser.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AuthorizationRequestOptions, ExpectedCallback } from "./authorization-request.ts";
import { createClient, type LlaveClient } from "./client.ts";
import type { IdTokenClaims } from "./id-token.ts";
import type { ClientOptions } from "./options.ts";
import { seal, sealingKey, unseal } from "./session.ts";

/** The session `llave()` keeps for a logged-in citizen. */
export type LlaveSession = {
  /** The verified ID-token claims of the login. */
  claims: IdTokenClaims;
  /** The ID token, used as `id_token_hint` at logout. */
  idToken: string;
};

/** Hono context variables set by {@link llave}. */
export type LlaveVariables = { llave: LlaveSession | null; llaveClient: LlaveClient };

/** Options of {@link llave}. */
export type LlaveMiddlewareOptions = Omit<AuthorizationRequestOptions, "redirectUri"> & {
  /** A client made with `createClient`, or the options to make one. */
  client: LlaveClient | ClientOptions;
  /** At least 32 random characters; the session cookie's key is derived from it. */
  secret: string;
  /** The registered redirect URI; its path is where the callback route is mounted. */
  redirectUri: string;
  /** Where the login route is mounted. Default `/login`. */
  loginPath?: string;
  /** Where the logout route is mounted. Default `/logout`. */
  logoutPath?: string;
  /** A registered post-logout redirect URI; without it, the logout stays on Llave's page. */
  postLogoutRedirectUri?: string;
  /** Where to send the browser after login when no `returnTo` was given. Default `/`. */
  afterLogin?: string;
  /** Seconds a session lasts. Default 8 hours. */
  sessionSeconds?: number;
  /** Cookie name prefix. Default `llave`; on https the cookies are `__Host-` prefixed. */
  cookieName?: string;
};

const PENDING_SECONDS = 600;

/**
 * Mounts Llave login on a Hono app.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { llave, type LlaveVariables } from "@llave/sdk/hono";
 *
 * const app = new Hono<{ Variables: LlaveVariables }>();
 * app.use(llave({
 *   client: { issuer: "https://llave.example", clientId: "sede", clientSecret: env.SECRET },
 *   secret: env.SESSION_SECRET,
 *   redirectUri: "https://sede.example/callback",
 *   scope: "openid profile document",
 * }));
 * app.get("/", (c) => c.text(c.var.llave ? `Hola, ${c.var.llave.claims.given_name}` : "Anónimo"));
 * ```
 */
export function llave(options: LlaveMiddlewareOptions): MiddlewareHandler<{
  Variables: LlaveVariables;
}> {
  const client = "handleCallback" in options.client ? options.client : createClient(options.client);
  const key = sealingKey(options.secret);
  const callbackPath = new URL(options.redirectUri).pathname;
  const loginPath = options.loginPath ?? "/login";
  const logoutPath = options.logoutPath ?? "/logout";
  const sessionSeconds = options.sessionSeconds ?? 8 * 3600;
  const { scope, acr, loginHint, uiLocales, prompt, maxAge } = options;
  const requestOptions: AuthorizationRequestOptions = {
    redirectUri: options.redirectUri,
    ...(scope === undefined ? {} : { scope }),
    ...(acr === undefined ? {} : { acr }),
    ...(loginHint === undefined ? {} : { loginHint }),
    ...(uiLocales === undefined ? {} : { uiLocales }),
    ...(prompt === undefined ? {} : { prompt }),
    ...(maxAge === undefined ? {} : { maxAge }),
  };

  const names = (c: Context) => {
    const secure = new URL(c.req.url).protocol === "https:";
    const base = `${secure ? "__Host-" : ""}${options.cookieName ?? "llave"}`;
    const cookie = { path: "/", httpOnly: true, secure, sameSite: "Lax" as const };
    return { session: `${base}-session`, pending: `${base}-pending`, cookie };
  };

  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const { session, pending, cookie } = names(c);
    c.set("llaveClient", client);

    if (path === loginPath && c.req.method === "GET") {
      const request = await client.createAuthorizationRequest(requestOptions);
      const returnTo = safeReturnTo(c.req.query("returnTo")) ?? options.afterLogin ?? "/";
      const sealed = await seal(
        { ...request.expected, returnTo },
        await key,
        PENDING_SECONDS,
        Date.now(),
      );
      setCookie(c, pending, sealed, { ...cookie, maxAge: PENDING_SECONDS });
      return c.redirect(request.url.href, 302);
    }

    if (path === callbackPath && c.req.method === "GET") {
      const expected = await unseal<ExpectedCallback & { returnTo: string }>(
        getCookie(c, pending),
        await key,
        Date.now(),
      );
      deleteCookie(c, pending, cookie);
      // Without the pending cookie handleCallback answers invalid_state: a login this browser
      // did not start is never completed.
      const { tokens, claims } = await client.handleCallback(
        c.req.url,
        expected ?? ({} as ExpectedCallback),
      );
      const value: LlaveSession = { claims, idToken: tokens.idToken ?? "" };
      setCookie(c, session, await seal(value, await key, sessionSeconds, Date.now()), {
        ...cookie,
        maxAge: sessionSeconds,
      });
      return c.redirect(expected?.returnTo ?? "/", 303);
    }

    const current = await unseal<LlaveSession>(getCookie(c, session), await key, Date.now());
    if (path === logoutPath && (c.req.method === "GET" || c.req.method === "POST")) {
      deleteCookie(c, session, cookie);
      const url = await client.logoutUrl({
        ...(current ? { idTokenHint: current.idToken } : {}),
        ...(options.postLogoutRedirectUri
          ? { postLogoutRedirectUri: options.postLogoutRedirectUri }
          : {}),
      });
      return c.redirect(url.href, 303);
    }

    c.set("llave", current ? { claims: current.claims, idToken: current.idToken } : null);
    await next();
  };
}

/** Only same-origin paths: an open redirect after login would hand phishers a trusted link. */
function safeReturnTo(value: string | undefined): string | null {
  return value?.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : null;
}
