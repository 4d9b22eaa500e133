/**
 * Server-rendered pages: an escaping template tag and the page shell with a strict CSP. The
 * full login experience (web-widget/) replaces the login page; error and logout pages stay.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escaped HTML. Interpolated values are escaped unless they are `Html` themselves. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const escapeHtml = (v: unknown): string =>
  v instanceof Html
    ? v.value
    : Array.isArray(v)
      ? v.map(escapeHtml).join("")
      : String(v ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += escapeHtml(v) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/**
 * Llave's header: the logo mark, the name, what Llave is, and the host the page is served from,
 * so that a citizen can tell the genuine page from a copy before typing anything. On the
 * full-page login and Llave's own pages; never inside <llave-login>'s frame, whose shell on
 * the agency's page shows its own.
 */
export function brandHeader(input: { tagline: string; host: string }): Html {
  return html`<div class="llave-brand"><svg class="llave-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><circle cx="10" cy="16" r="6.5" fill="none" stroke="currentColor" stroke-width="3"/><path d="M16.5 16H29M24 16v5M28 16v4" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"/></svg><div class="llave-brand-text"><p class="llave-name">Llave</p><p class="llave-tagline">${input.tagline}</p></div><p class="llave-host">${input.host}</p></div>`;
}

/** The header's style, in the page's colours (`--llave-*` on the login page). */
export const BRAND_STYLE = `.llave-brand{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;padding:.5rem 0 .75rem;margin-bottom:1rem;border-bottom:2px solid var(--llave-color-primary,#0b4f8a)}
.llave-mark{width:2.25rem;height:2.25rem;color:var(--llave-color-primary,#0b4f8a);flex:none}
.llave-brand-text{flex:1 1 12rem}.llave-brand p{margin:0}
.llave-name{font-weight:700;font-size:1.25rem;line-height:1.2}.llave-tagline{font-size:.875rem}
.llave-host{font-size:.875rem;font-family:ui-monospace,monospace;overflow-wrap:anywhere}`;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem}label{display:block;margin-top:1rem;font-weight:600}
input,select,button{font:inherit;padding:.5rem;margin-top:.25rem;width:100%;box-sizing:border-box}
button{background:#0b4f8a;color:#fff;border:0;border-radius:4px;margin-top:1rem;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a;border:1px solid #0b4f8a}
[role=alert]{color:#a4000f}:focus-visible{outline:3px solid #f5a000;outline-offset:2px}
a{color:#0b4f8a}.back{font-weight:600}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}a{color:#9ecbff}.llave-brand{--llave-color-primary:#9ecbff}}
${BRAND_STYLE}`;

/** A URL as a CSP source: its origin, or its scheme for URLs without one (`com.example:`). */
export function cspSource(url: string): string {
  const parsed = new URL(url);
  return parsed.origin === "null" ? parsed.protocol : parsed.origin;
}

/**
 * Data for a page's script, as `<script type="application/json">` (never executed; CSP keeps
 * forbidding inline script). `<`, `>`, `&` and the JavaScript line separators are escaped so
 * the JSON cannot end the element or be read as markup.
 */
export function jsonScript(id: string, value: unknown): Html {
  const json = JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return html`<script type="application/json" id="${id}">${new Html(json)}</script>`;
}

export type PageOptions = {
  status?: ContentfulStatusCode;
  script?: string;
  /** Stylesheets from our origin, instead of the built-in style of the server pages. */
  stylesheets?: string[];
  /** Extra CSS written into the page (already validated values only). */
  inlineStyle?: string;
  lang?: string;
  /** Attributes of `<html>` besides `lang` (for example `data-theme`). */
  rootAttributes?: Record<string, string>;
  /**
   * Origins our forms may end up at: browsers apply `form-action` to the redirects that
   * follow a form post too, so a form that ends at the client's redirect URI must list it.
   */
  formTargets?: string[];
  /** The one origin allowed to frame the page (the login frame); none by default. */
  frameAncestors?: string;
  /** The body is the whole page structure and the title complete (the login app's page). */
  bare?: boolean;
  /** Llave's header (`brandHeader`), above the page's own content. */
  header?: Html;
};

/**
 * A complete page, answered through the request's context (so cookies set on the way are
 * kept). Scripts only from our origin; no inline script; forms only to us; no framing except
 * by the origin a login frame was registered for.
 */
export function page(c: Context, title: string, body: Html, options: PageOptions = {}): Response {
  const formAction = ["'self'", ...(options.formTargets ?? [])].join(" ");
  const script = options.script ? html`<script src="${options.script}" defer></script>` : "";
  const styles = options.stylesheets
    ? options.stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">`)
    : html`<style>${new Html(STYLE)}</style>`;
  const inline = options.inlineStyle ? html`<style>${new Html(options.inlineStyle)}</style>` : "";
  const root = Object.entries(options.rootAttributes ?? {}).map(
    ([name, value]) => html` ${name}="${value}"`,
  );
  const doc = html`<!doctype html>
<html lang="${options.lang ?? "es"}"${root}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${options.bare ? title : `${title} · Llave`}</title>${styles}${inline}${script}</head>
<body>${options.header ?? ""}${options.bare ? body : html`<main>${body}</main>`}</body></html>`;
  const frameAncestors = options.frameAncestors ?? "'none'";
  return c.body(doc.value, options.status ?? 200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // Not no-referrer: with it browsers send `Origin: null` on our own form posts, and
    // /login/{id}/continue checks the Origin. Other origins still get no referrer.
    "referrer-policy": "same-origin",
    "content-security-policy": `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action ${formAction}; base-uri 'none'; frame-ancestors ${frameAncestors}`,
  });
}
