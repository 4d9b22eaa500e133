/**
 * Authorization responses (RFC 6749 4.1.2, RFC 9207): the URL to redirect to — the verified
 * redirect URI with `code` or `error`, `state` verbatim and `iss` always, success and error
 * alike, so a client can tell which provider answered (mix-up defence). Parameters are added
 * to whatever query the registered URI already has. Routes answer with `c.redirect(url)`, so
 * cookies set on the way are kept.
 *
 * With `response_mode=web_message` the same parameters travel as a message from the login
 * frame to the embedding page (`respond`), posted to the registered origin only. A login for
 * Llave's own pages (`own_page`) has no client to answer: it goes back to the page, or shows
 * the error.
 */
import type { Context } from "hono";
import { FRAME_MESSAGE } from "../../../web-widget/src/frame-messages.ts";
import { ASSETS } from "../pages/assets.ts";
import { errorPage, pageTexts } from "../pages/error-page.ts";
import { html, jsonScript, page } from "../pages/html.ts";
import type { ResponseMode } from "./checks/response-mode.ts";
import type { OAuthError } from "./oauth-error.ts";

export type ResponseTarget = {
  redirectUri: string;
  state: string | null;
  mode?: ResponseMode;
};

function location(target: ResponseTarget, issuer: string, params: Record<string, string>): string {
  const url = new URL(target.redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  if (target.state !== null) url.searchParams.append("state", target.state);
  url.searchParams.append("iss", issuer);
  return url.toString();
}

/**
 * Answers the authorization request: a redirect (`status`, 302 or 303) for the query mode, or
 * for web_message a page that hands the response to the embedding page and may be framed by
 * that page's origin only.
 */
export function respond(
  c: Context,
  target: ResponseTarget,
  issuer: string,
  outcome: { code: string } | { error: OAuthError },
  status: 302 | 303,
): Response {
  const params =
    "code" in outcome
      ? { code: outcome.code }
      : { error: outcome.error.error, error_description: outcome.error.description };
  const mode = target.mode ?? { kind: "query" };
  if (mode.kind === "query") return c.redirect(location(target, issuer, params), status);
  if (mode.kind === "own_page") return ownPage(c, target, mode.retry, outcome, status);
  const message = {
    type: FRAME_MESSAGE.response,
    ...params,
    ...(target.state === null ? {} : { state: target.state }),
    iss: issuer,
  };
  return page(
    c,
    "Llave",
    html`${jsonScript("llave-response", { origin: mode.origin, message })}<p>…</p>`,
    { script: ASSETS.respond.path, frameAncestors: mode.origin, bare: true },
  );
}

/** The end of a login to one of Llave's own pages: the session is all it needed. */
function ownPage(
  c: Context,
  target: ResponseTarget,
  retry: string,
  outcome: { code: string } | { error: OAuthError },
  status: 302 | 303,
): Response {
  if ("code" in outcome) return c.redirect(new URL(target.redirectUri).pathname, status);
  const { t } = pageTexts(c);
  const again = html`<a href="${retry}">${t("own.again")}</a>`;
  if (outcome.error.error === "access_denied") {
    return errorPage(c, {
      title: t("own.cancelled.title"),
      lines: [t("own.cancelled.text"), again],
      status: 200,
    });
  }
  return errorPage(c, {
    title: t("own.refused.title"),
    lines: [t("own.refused.text"), again],
    error: outcome.error,
    status: 403,
  });
}
