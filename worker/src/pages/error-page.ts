/**
 * The one shape of Llave's error pages: a heading, what to do, and for protocol errors the
 * OAuth code (also as `data-error`, which the conformance tests read). Used where an error must
 * go to the citizen rather than to a client: an untrusted redirect URI, a login the browser may
 * not finish, a refused logout.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type Html, html, page } from "./html.ts";

export function errorPage(
  c: Context,
  options: {
    title: string;
    /** Paragraphs, in Spanish first; an `Html` one keeps its markup. */
    lines: (string | Html)[];
    error?: { error: string; description: string };
    status: ContentfulStatusCode;
    /** A login frame's registered origin, so the error shows inside `<llave-login>`. */
    frameAncestors?: string;
  },
): Response {
  const { title, lines, error, status, frameAncestors } = options;
  const code = error
    ? html`<p><code data-error="${error.error}">${error.error}</code>: ${error.description}</p>`
    : "";
  return page(c, title, html`<h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}${code}`, {
    status,
    ...(frameAncestors ? { frameAncestors } : {}),
  });
}
