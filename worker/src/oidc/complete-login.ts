/**
 * The end of an interactive login: `POST /login/{loginId}/continue` turns an authenticated
 * transaction into a single sign-on session and an authorization code, and redirects to the
 * client; `POST /login/{loginId}/cancel` returns `access_denied`.
 *
 * Only the browser that started the login at /authorize may finish it (the browser cookie's
 * digest is in the transaction), and the POST must come from our own pages (Origin check on
 * top of SameSite=Lax cookies). The login must have reached the requested level with an
 * allowed method; otherwise the client gets `unmet_authentication_requirements`, never a
 * token at a lower level. The session is rotated: a new id and secret on every login.
 */
import { type Context, Hono } from "hono";
import { supportedLocale } from "../../../web-widget/src/i18n/catalog.ts";
import { afterResponse, auditAfterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { meetsLevel } from "../assurance/levels.ts";
import { sha256 } from "../crypto/digest.ts";
import { randomToken } from "../crypto/random.ts";
import { fromStartingBrowser } from "../login/browser-binding.ts";
import { LOGIN_ID } from "../login/login-routes.ts";
import type { LoginTransaction } from "../login/login-transaction.ts";
import { errorPage, pageTexts } from "../pages/error-page.ts";
import { writeSessionCookie } from "../session/cookie.ts";
import { currentSession } from "../session/current-session.ts";
import type { AuthorizationRequest } from "./authorization-request.ts";
import { respond } from "./authorization-response.ts";
import { notifyLogout } from "./backchannel-logout.ts";
import { standing } from "./citizen-standing.ts";
import { recordGrant } from "./grant-records.ts";
import { issueCodeFor } from "./issue-code.ts";
import { OAuthError, oauth } from "./oauth-error.ts";

type Refusal = "refused.origin" | "refused.missing" | "refused.otherBrowser" | "refused.done";

/** Why the login cannot go on, in the page's language (the request's, when it is known). */
const refused = (c: Context, reason: Refusal, uiLocales: readonly string[] = []) => {
  const { t } = pageTexts(c, uiLocales);
  return errorPage(c, {
    title: t("refused.title"),
    lines: [t(reason), t("refused.again")],
    status: 403,
    uiLocales,
  });
};

/**
 * The transaction and the agency's request it carries, if this browser started it at
 * /authorize and the POST comes from our origin.
 */
async function ownTransaction(
  deps: AppDeps,
  c: Context,
): Promise<{ tx: LoginTransaction; request: AuthorizationRequest } | { refusal: Response }> {
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(deps.config.issuer).origin) {
    return { refusal: refused(c, "refused.origin") };
  }
  const loginId = c.req.param("loginId") ?? "";
  const tx = LOGIN_ID.test(loginId) ? await deps.logins.get(loginId).get() : null;
  if (!tx?.authorization || !tx.browser) {
    return { refusal: refused(c, "refused.missing") };
  }
  if (!(await fromStartingBrowser(c, tx))) {
    return { refusal: refused(c, "refused.otherBrowser", tx.authorization.uiLocales) };
  }
  return { tx, request: tx.authorization };
}

const targetOf = (request: AuthorizationRequest) => ({
  redirectUri: request.redirectUri,
  state: request.state,
  mode: request.responseMode,
});

export function completeLoginRoutes(deps: AppDeps): Hono {
  const { config, sessions, clock, random, audit } = deps;
  const app = new Hono();

  app.post("/:loginId/continue", async (c) => {
    const own = await ownTransaction(deps, c);
    if ("refusal" in own) return own.refusal;
    const { tx, request } = own;
    const target = targetOf(request);
    const now = clock.now();
    if (tx.code) return refused(c, "refused.done", request.uiLocales);
    if (tx.step.kind !== "authenticated") return c.redirect(`/login/${tx.id}`, 303);
    const { kind: _, ...auth } = tx.step;
    try {
      if (!meetsLevel(auth.acr, request.acr) || !request.methods.includes(auth.method)) {
        throw oauth(
          "unmet_authentication_requirements",
          `The login reached the ${auth.acr} level; this service needs ${request.acr}`,
        );
      }
      // The citizen as they are now: suspended since the PIN was sent, or registered lower
      // since the level was computed, gets no code (citizen-standing.ts).
      const stands = await standing(deps, auth.citizenId, auth.acr);
      if (!stands.ok) {
        throw stands.reason === "not_active"
          ? oauth("access_denied", "The citizen's account cannot be used to log in")
          : oauth(
              "unmet_authentication_requirements",
              "The citizen's registration no longer allows the level this login reached",
            );
      }
      // The code first: the transaction issues it once, so a second press of "continue"
      // stops here, before any session is touched.
      const current = await currentSession(c, sessions, { clientId: null, now });
      const same = current?.session.citizenId === auth.citizenId ? current : null;
      const sid = same?.session.sid ?? randomToken(random, 128);
      // Recorded first (grant-records.ts): logging out of this session will revoke it. Llave's
      // own pages have no client, and no client can redeem their code.
      const client = await deps.clients.find(request.clientId);
      const grant = deps.logins.handleOf(tx.id);
      if (client)
        await recordGrant(deps, { citizenId: auth.citizenId, handle: grant, sid, client, now });
      const code = await issueCodeFor(deps, tx.id, sid, now);
      const secret = randomToken(random, 256);
      await sessions.open(auth.citizenId, {
        sid,
        citizenId: auth.citizenId,
        secretHash: await sha256(secret),
        authentication: auth,
        clientId: request.clientId,
        userAgent: c.req.header("user-agent")?.slice(0, 256) ?? null,
        now,
        continues: same ? sid : null,
      });
      const handle = sessions.handleOf(auth.citizenId);
      writeSessionCookie(c, { handle, sid, secret }, Math.floor(config.session.maxMs / 1000));
      // Another citizen's session in this browser ends, and its clients are told.
      const replaced =
        current && !same ? await sessions.end(current.cookie.handle, current.cookie.sid) : null;
      if (replaced) {
        afterResponse(c, async () => {
          const notified = await notifyLogout(deps, replaced, deps.outbound);
          await audit.append({
            ...requester(c, "citizen", tx.id),
            event: "session.ended",
            at: now,
            citizenId: replaced.citizenId,
            detail: { sid: replaced.sid, reason: "replaced", notified: notified.length },
          });
        });
      }
      const base = { ...requester(c, "citizen", tx.id), at: now, citizenId: auth.citizenId };
      auditAfterResponse(
        c,
        audit,
        { ...base, event: "session.started", detail: { sid, acr: auth.acr } },
        {
          ...base,
          event: "oidc.authorized",
          detail: { clientId: request.clientId, from: "login", acr: auth.acr },
        },
      );
      // The language the citizen logged in with is the one their messages use from now on.
      const locale = supportedLocale(c.req.query("lang") ?? "");
      if (locale) afterResponse(c, () => deps.accounts.setLocale(auth.citizenId, locale));
      return respond(c, target, config.issuer, { code }, 303);
    } catch (error) {
      if (error instanceof OAuthError) return respond(c, target, config.issuer, { error }, 303);
      throw error;
    }
  });

  app.post("/:loginId/cancel", async (c) => {
    const own = await ownTransaction(deps, c);
    if ("refusal" in own) return own.refusal;
    const { request } = own;
    const error = oauth("access_denied", "The citizen cancelled the login");
    return respond(c, targetOf(request), config.issuer, { error }, 303);
  });

  return app;
}
