/**
 * The error page /authorize shows when it cannot trust the redirect URI (unknown client,
 * unregistered or altered redirect_uri): the error goes to the citizen, never to a URL an
 * attacker may have chosen (RFC 6749 4.1.2.1, RFC 9700 4.11).
 */
import type { Context } from "hono";
import { errorPage, pageTexts } from "../pages/error-page.ts";
import type { OAuthError } from "./oauth-error.ts";

/**
 * In the language of `ui_locales` when the request had a readable one, else the browser's; the
 * way back is Llave's start, since the request names no service that can be trusted.
 */
export const authorizeErrorPage = (c: Context, error: OAuthError): Response => {
  const uiLocales = (c.req.query("ui_locales") ?? "").split(" ").slice(0, 10);
  const { t } = pageTexts(c, uiLocales);
  return errorPage(c, {
    title: t("authorize.title"),
    lines: [t("authorize.text")],
    error,
    status: 400,
    uiLocales,
  });
};
