/**
 * The one shape of Llave's error pages: Llave's header, a heading, what to do, a way back (to
 * the service when it is known, else to the citizen's area of Llave), and for protocol errors
 * the OAuth code (also as `data-error`, which the conformance tests read). In the language the
 * request negotiates (i18n/server-i18n.ts). Used where an error must go to the citizen rather
 * than to a client: an untrusted redirect URI, a login the browser may not finish, a refused
 * logout, an address that does not exist.
 *
 * `wantsPage` decides who gets a page at all: browsers asking for HTML outside the APIs and the
 * protocol endpoints. Everyone else keeps problem+json or the OAuth error.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Locale } from "../../../web-widget/src/i18n/catalog.ts";
import { pageLocale, type Texts, texts } from "../i18n/server-i18n.ts";
import { brandHeader, type Html, html, page } from "./html.ts";

/** Where "back" goes: the agency's site (its name and origin), or Llave's own start. */
export type WayBack = { agency: string; href: string } | null;

/** The citizen's area: Llave's start page for a citizen. */
export const LLAVE_START = "/account";

/** The origin of a URL a client registered, as a link back to it; null if it has none. */
export function siteOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin.startsWith("https://") || origin.startsWith("http://") ? `${origin}/` : null;
  } catch {
    return null;
  }
}

/** The texts of a server page, in the language the request negotiates. */
export const pageTexts = (c: Context, uiLocales: readonly string[] = []): Texts =>
  texts(pageLocale(c, uiLocales), "UTC");

/** Llave's header for a page served at the request's host. */
export const headerFor = (c: Context, tr: Texts): Html =>
  brandHeader({ tagline: tr.t("brand.tagline"), host: tr.t("brand.host", { host: hostOf(c) }) });

const hostOf = (c: Context): string => new URL(c.req.url).host;

/** A browser's request for a page, outside the JSON APIs and the protocol endpoints. */
export function wantsPage(c: Context): boolean {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return false;
  if (/^\/(api|admin|dev|\.well-known)(\/|$)/.test(c.req.path)) return false;
  if (
    /^\/(token|userinfo|jwks|introspect|revoke|backchannel-authentication|register)(\/|$)/.test(
      c.req.path,
    )
  ) {
    return false;
  }
  return (c.req.header("accept") ?? "").includes("text/html");
}

export function errorPage(
  c: Context,
  options: {
    title: string;
    /** Paragraphs, already in the page's language; an `Html` one keeps its markup. */
    lines: (string | Html)[];
    error?: { error: string; description: string };
    status: ContentfulStatusCode;
    /** A login frame's registered origin, so the error shows inside `<llave-login>`. */
    frameAncestors?: string;
    /** Where "back" goes; Llave's start when unknown, none when undefined inside a frame. */
    back?: WayBack;
    /** The page's language (negotiated from the request when absent). */
    locale?: Locale;
    /** The authorization request's `ui_locales`, when there is one. */
    uiLocales?: readonly string[];
  },
): Response {
  const { title, lines, error, status, frameAncestors } = options;
  const tr = options.locale ? texts(options.locale, "UTC") : pageTexts(c, options.uiLocales);
  const code = error
    ? html`<p>${tr.t("error.detail")}: <code data-error="${error.error}">${error.error}</code>: ${error.description}</p>`
    : "";
  // A framed page sits inside the agency's own page: that page is the way back.
  const back =
    options.back === undefined && frameAncestors
      ? ""
      : options.back
        ? html`<p><a class="back" href="${options.back.href}">${tr.t("back.service", { agency: options.back.agency })}</a></p>`
        : html`<p><a class="back" href="${LLAVE_START}">${tr.t("back.start")}</a></p>`;
  return page(
    c,
    title,
    html`<h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}${back}${code}`,
    {
      status,
      lang: tr.locale,
      ...(frameAncestors ? { frameAncestors } : { header: headerFor(c, tr) }),
    },
  );
}
