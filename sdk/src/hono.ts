/**
 * `@llave/sdk/hono`: Llave login for a Hono app in a few lines. `llave()` mounts the login,
 * callback and logout routes and puts the citizen's session (from an encrypted cookie) on
 * every request's context as `c.var.llave`. The pending request (`state`, `nonce`, PKCE
 * verifier) lives in its own short-lived sealed cookie, bound to this browser. `requireLogin()`
 * guards routes behind it. Cookies are stamped and checked with the client's clock (`now`).
 *
 * @module @llave/sdk/hono
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AuthorizationRequestOptions, ExpectedCallback } from "./authorization-request.ts";
import { createClient, type LlaveClient } from "./client.ts";
import { LlaveError } from "./errors.ts";
import type { IdTokenClaims } from "./id-token.ts";
import type { ClientOptions } from "./options.ts";
import { seal, sealingKey, unseal } from "./session.ts";

/**
 * The session `llave()` keeps for a logged-in citizen.
 *
 * @example
 * ```ts
 * app.get("/me", (c) => c.json(c.var.llave?.claims ?? null));
 * ```
 */
export type LlaveSession = {
  /**
   * The verified ID-token claims of the login, with the userinfo claims its scopes release
   * (name, document…) merged in: Llave sends those from userinfo, not in the ID token.
   */
  claims: IdTokenClaims;
  /** The ID token, used as `id_token_hint` at logout. */
  idToken: string;
};

/**
 * Hono context variables set by {@link llave}.
 *
 * @example
 * ```ts
 * const app = new Hono<{ Variables: LlaveVariables }>();
 * ```
 */
export type LlaveVariables = {
  /** The citizen's session, or `null` when nobody is logged in. */
  llave: LlaveSession | null;
  /** The client `llave()` uses, for `userinfo`, `introspect`… */
  llaveClient: LlaveClient;
  /** Where `llave()` mounted its login route; {@link requireLogin} redirects there. */
  llaveLoginPath: string;
};

/**
 * Options of {@link llave}.
 *
 * @example
 * ```ts
 * const options: LlaveMiddlewareOptions = { client, secret, redirectUri, acr: "substantial" };
 * ```
 */
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
  /** `c.var.llave`: the citizen's session, or `undefined`. */
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
    c.set("llaveLoginPath", loginPath);

    if (path === loginPath && c.req.method === "GET") {
      const request = await client.createAuthorizationRequest(requestOptions);
      const returnTo = safeReturnTo(c.req.query("returnTo")) ?? options.afterLogin ?? "/";
      const sealed = await seal(
        { ...request.expected, returnTo },
        await key,
        PENDING_SECONDS,
        client.now(),
      );
      setCookie(c, pending, sealed, { ...cookie, maxAge: PENDING_SECONDS });
      return c.redirect(request.url.href, 302);
    }

    if (path === callbackPath && c.req.method === "GET") {
      const expected = await unseal<ExpectedCallback & { returnTo: string }>(
        getCookie(c, pending),
        await key,
        client.now(),
      );
      deleteCookie(c, pending, cookie);
      // Without the pending cookie handleCallback answers invalid_state: a login this browser
      // did not start is never completed.
      const { tokens, claims } = await client.handleCallback(
        c.req.url,
        expected ?? ({} as ExpectedCallback),
      );
      // Scope claims come from userinfo in the code flow (OIDC Core 5.4); the ID token's own
      // claims win, and userinfo's `sub` must be the ID token's (checked by the client).
      const scopes = (scope ?? "openid").split(" ").filter((s) => s !== "openid");
      const released =
        scopes.length > 0 ? await client.userinfo(tokens.accessToken, { subject: claims.sub }) : {};
      const value: LlaveSession = {
        claims: { ...released, ...claims },
        idToken: tokens.idToken ?? "",
      };
      setCookie(c, session, await seal(value, await key, sessionSeconds, client.now()), {
        ...cookie,
        maxAge: sessionSeconds,
      });
      return c.redirect(expected?.returnTo ?? "/", 303);
    }

    const current = await unseal<LlaveSession>(getCookie(c, session), await key, client.now());
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

/**
 * Lets only logged-in citizens through; mount it after {@link llave}. An anonymous browser
 * navigation (a `GET` or `HEAD` that accepts HTML) is redirected to the login route with
 * `returnTo` = the current path; anything else — an API call accepting JSON, a form post —
 * gets a 401 `application/problem+json` answer, since a redirect would not help it.
 *
 * @example
 * ```ts
 * app.use(llave({ client, secret, redirectUri }));
 * app.use("/tramites/*", requireLogin());
 * app.get("/tramites", (c) => c.text(`Hola, ${c.var.llave?.claims.given_name}`));
 * ```
 */
export function requireLogin(): MiddlewareHandler<{
  /** `c.var.llave`, set by `llave()`; after `requireLogin()` it always holds a session. */
  Variables: LlaveVariables;
}> {
  return async (c, next) => {
    const loginPath = c.get("llaveLoginPath");
    if (loginPath === undefined) {
      throw new LlaveError("invalid_configuration", "requireLogin() needs llave() mounted first");
    }
    if (c.get("llave")) return next();
    const method = c.req.method;
    if ((method === "GET" || method === "HEAD") && prefersHtml(c.req.header("accept"))) {
      const url = new URL(c.req.url);
      const returnTo = safeReturnTo(url.pathname + url.search);
      const query = returnTo === null ? "" : `?${new URLSearchParams({ returnTo })}`;
      return c.redirect(`${loginPath}${query}`, 302);
    }
    return c.body(
      JSON.stringify({ type: "about:blank", title: "Login required", status: 401 }),
      401,
      { "content-type": "application/problem+json" },
    );
  };
}

/** Whether an `Accept` header ranks `text/html` above JSON (browser navigations send it first). */
function prefersHtml(accept: string | undefined): boolean {
  const quality = (type: string) => {
    for (const range of (accept ?? "").split(",")) {
      const [media, ...params] = range.split(";").map((part) => part.trim().toLowerCase());
      if (media !== type) continue;
      const q = params.find((param) => param.startsWith("q="));
      return q === undefined ? 1 : Number(q.slice(2)) || 0;
    }
    return 0;
  };
  const html = quality("text/html");
  return html > 0 && html >= quality("application/json");
}

/** Only same-origin paths: an open redirect after login would hand phishers a trusted link. */
function safeReturnTo(value: string | undefined): string | null {
  return value?.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : null;
}
