/** The demo agency site's page shell, stylesheet and the event-mode script. */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export function layout(title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Ayuntamiento de Villallave</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/demo.css">${head}</head>
<body><header><p class="office"><a href="/">Ayuntamiento de Villallave</a> · Sede electrónica (demo)</p></header>
<main><h1>${escapeHtml(title)}</h1>${body}</main>
<footer><p>Sitio de demostración de una administración que usa Llave.</p></footer></body></html>`;
}

export const DEMO_STYLE = `body{margin:0;font:1rem/1.5 Georgia,serif;color:#222;background:#fbf8f3}
header{background:#7a1f2b;color:#fff;padding:.75rem 1rem}header a{color:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}footer{color:#555;text-align:center;font-size:.9rem}
.services{padding-left:1.25rem}table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .75rem;border-bottom:1px solid #ccc}
llave-login{--llave-color-primary:#7a1f2b;--llave-radius:4px;border:1px solid #d8cfc4;border-radius:8px;background:#fff}
@media (prefers-color-scheme:dark){body{background:#1b1a19;color:#eee}a{color:#f3b5bd}llave-login{background:#121417;border-color:#444;--llave-color-primary:#f3b5bd;--llave-color-on-primary:#2a0a0f}th,td{border-color:#444}}`;

/**
 * Event mode: the page gets the code from <llave-login> and its own script sends it to the
 * backend, which redeems it with the verifier it kept (the code alone is useless).
 */
export const DEMO_PAGE_SCRIPT = `"use strict";
const element = document.querySelector("llave-login");
const status = document.getElementById("demo-status");
if (element && element.getAttribute("mode") === "event") {
  const send = async (detail) => {
    const response = await fetch("/callback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(detail),
    });
    const result = await response.json();
    if (result.next) location.assign(result.next);
    else status.textContent = result.error;
  };
  element.addEventListener("llave-success", (event) => send(event.detail));
  element.addEventListener("llave-error", (event) => send(event.detail));
  element.addEventListener("llave-cancel", () => { status.textContent = "Ha cancelado el inicio de sesión."; });
}
`;
