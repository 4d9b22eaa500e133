/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at the `end_session_endpoint`,
 * GET and POST. The session ends server-side and its cookie is cleared, the grants issued in it
 * are revoked (their access and refresh tokens stop at once), and clients that were part of it
 * are told by back-channel logout. `post_logout_redirect_uri` is followed only when it
 * is exactly one the client registered (the client known from `id_token_hint` or `client_id`),
 * with `state` returned.
 *
 * With an `id_token_hint` for the current session, logout happens at once; otherwise the
 * citizen confirms on a page of ours first, so a link elsewhere cannot log them out.
 */
import { type Context, Hono } from "hono";
import { afterResponse, requester } from "../api/request-context.ts";
import type { AppDeps } from "../app.ts";
import { errorPage, headerFor, pageTexts } from "../pages/error-page.ts";
import { cspSource, html, page } from "../pages/html.ts";
import { clearSessionCookie } from "../session/cookie.ts";
import { currentSession } from "../session/current-session.ts";
import { type Fetcher, notifyLogout } from "./backchannel-logout.ts";
import { type Params, singleValued } from "./checks/params.ts";
import { readForm } from "./form.ts";
import { revokeGrants } from "./grant-records.ts";
import { OAuthError, oauth } from "./oauth-error.ts";
import { idTokenHint } from "./own-tokens.ts";

const uiLocalesOf = (p: Params | null): string[] => (p?.ui_locales ?? "").split(" ").slice(0, 10);

const refusedPage = (c: Context, error: OAuthError, uiLocales: string[]) =>
  errorPage(c, {
    title: pageTexts(c, uiLocales).t("logout.refused.title"),
    lines: [],
    error,
    status: 400,
    uiLocales,
  });

const FIELDS = ["id_token_hint", "client_id", "post_logout_redirect_uri", "state", "ui_locales"];

async function params(c: Context): Promise<Params> {
  if (c.req.method === "GET") return singleValued(new URL(c.req.url).searchParams);
  return singleValued(await readForm(c));
}

export function endSessionRoutes(deps: AppDeps, fetcher: Fetcher): Hono {
  const { config, clients, sessions, clock, audit } = deps;
  const app = new Hono();

  app.on(["GET", "POST"], "/logout", async (c) => {
    const now = clock.now();
    let p: Params | null = null;
    let redirect: string | null = null;
    let hintSid: string | null = null;
    try {
      p = await params(c);
      const hint = p.id_token_hint ? await idTokenHint(deps, p.id_token_hint, now) : null;
      if (p.id_token_hint && !hint) throw oauth("invalid_request", "id_token_hint is not valid");
      const hintAud = Array.isArray(hint?.aud) ? hint.aud[0] : hint?.aud;
      if (hintAud && p.client_id && hintAud !== p.client_id) {
        throw oauth("invalid_request", "client_id does not match id_token_hint");
      }
      hintSid = typeof hint?.sid === "string" ? hint.sid : null;
      const clientId = hintAud ?? p.client_id;
      if (p.post_logout_redirect_uri) {
        const client = clientId ? await clients.find(clientId) : null;
        if (!client)
          throw oauth("invalid_request", "post_logout_redirect_uri needs a known client");
        if (!client.postLogoutRedirectUris.includes(p.post_logout_redirect_uri)) {
          throw oauth("invalid_request", "post_logout_redirect_uri is not registered");
        }
        const url = new URL(p.post_logout_redirect_uri);
        if (p.state) url.searchParams.append("state", p.state);
        redirect = url.toString();
      }
    } catch (error) {
      if (error instanceof OAuthError) return refusedPage(c, error, uiLocalesOf(p));
      throw error;
    }

    const current = await currentSession(c, sessions, { clientId: null, now });
    const tr = pageTexts(c, uiLocalesOf(p));
    const pageOptions = { lang: tr.locale, header: headerFor(c, tr) };
    const confirmed =
      (c.req.method === "POST" && p.confirm === "yes" && sameOrigin(c, config.issuer)) ||
      (current !== null && hintSid === current.session.sid);
    if (current && !confirmed) {
      const hidden = FIELDS.filter((f) => p[f] !== undefined).map(
        (f) => html`<input type="hidden" name="${f}" value="${p[f]}">`,
      );
      return page(
        c,
        tr.t("logout.confirm.action"),
        html`<h1>${tr.t("logout.confirm.title")}</h1>
<p>${tr.t("logout.confirm.text")}</p>
<form method="post" action="/logout">${hidden}<input type="hidden" name="confirm" value="yes">
<button type="submit">${tr.t("logout.confirm.action")}</button></form>`,
        { ...pageOptions, formTargets: redirect ? [cspSource(redirect)] : [] },
      );
    }

    if (current) {
      // The session's grants stop before the answer: an agency that introspects or refreshes
      // right after the logout finds them revoked (grant-records.ts).
      const ended = await sessions.logOut(current.cookie.handle, current.cookie.sid);
      const revoked = await revokeGrants(deps, ended.grants);
      afterResponse(c, async () => {
        const notified = (
          await Promise.all(ended.sessions.map((s) => notifyLogout(deps, s, fetcher)))
        ).flat();
        await audit.append({
          ...requester(c, "citizen"),
          event: "session.ended",
          at: now,
          citizenId: current.session.citizenId,
          detail: {
            sid: current.session.sid,
            reason: "logout",
            grantsRevoked: revoked,
            notified: notified.filter((n) => n.ok).length,
            failed: notified.filter((n) => !n.ok).length,
          },
        });
      });
    }
    clearSessionCookie(c);
    if (redirect) return c.redirect(redirect, 303);
    return page(
      c,
      tr.t("logout.done.title"),
      html`<h1>${tr.t("logout.done.title")}</h1><p>${tr.t("logout.done.text")}</p>`,
      pageOptions,
    );
  });

  return app;
}

function sameOrigin(c: Context, issuer: string): boolean {
  const origin = c.req.header("origin");
  return origin === undefined || origin === new URL(issuer).origin;
}
