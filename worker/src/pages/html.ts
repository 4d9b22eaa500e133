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

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem}label{display:block;margin-top:1rem;font-weight:600}
input,select,button{font:inherit;padding:.5rem;margin-top:.25rem;width:100%;box-sizing:border-box}
button{background:#0b4f8a;color:#fff;border:0;border-radius:4px;margin-top:1rem;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a;border:1px solid #0b4f8a}
[role=alert]{color:#a4000f}:focus-visible{outline:3px solid #f5a000;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}}`;

/** A URL as a CSP source: its origin, or its scheme for URLs without one (`com.example:`). */
export function cspSource(url: string): string {
  const parsed = new URL(url);
  return parsed.origin === "null" ? parsed.protocol : parsed.origin;
}

/**
 * A complete page, answered through the request's context (so cookies set on the way are
 * kept). Scripts only from our origin; no inline script; forms only to us.
 */
export function page(
  c: Context,
  title: string,
  body: Html,
  options: {
    status?: ContentfulStatusCode;
    script?: string;
    /**
     * Origins our forms may end up at: browsers apply `form-action` to the redirects that
     * follow a form post too, so a form that ends at the client's redirect URI must list it.
     */
    formTargets?: string[];
  } = {},
): Response {
  const formAction = ["'self'", ...(options.formTargets ?? [])].join(" ");
  const script = options.script ? html`<script src="${options.script}" defer></script>` : "";
  const doc = html`<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Llave</title><style>${new Html(STYLE)}</style>${script}</head>
<body><main>${body}</main></body></html>`;
  return c.body(doc.value, options.status ?? 200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // Not no-referrer: with it browsers send `Origin: null` on our own form posts, and
    // /login/{id}/continue checks the Origin. Other origins still get no referrer.
    "referrer-policy": "same-origin",
    "content-security-policy": `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`,
  });
}
