/**
 * The citizen app (docs/mobile.md), served from the bundle (citizen-app/dist/assets.ts):
 *
 * - `GET /app/`: the shell, rendered here in the citizen's language (Accept-Language, else
 *   Spanish) with that one catalog and the issuer's origin in its boot data. Its CSP allows
 *   script, style, the manifest and the service worker from our origin only, the camera for
 *   this origin only (`Permissions-Policy`), and connections to our origin and its WebSocket.
 * - `/app/sw.js`: the service worker, at a stable URL and revalidated on every check, so a new
 *   build reaches phones at their next start.
 * - `/app/manifest.webmanifest`, `/app/icon.svg`, `/app/icon-maskable.svg`: stable URLs,
 *   cached for an hour.
 * - `/app/assets/<name>.<hash>.<ext>`: the script and the stylesheet, immutable.
 *
 * @example
 * app.route("/", citizenAppRoutes(deps));
 */
import { Hono } from "hono";
import { CITIZEN_APP } from "../../../citizen-app/dist/assets.ts";
import { BOOT_ELEMENT_ID, type Boot } from "../../../citizen-app/src/boot.ts";
import { acceptedLanguages, chooseLocale } from "../../../citizen-app/src/i18n/catalog.ts";
import { CATALOGS } from "../../../citizen-app/src/i18n/catalogs.ts";
import { THEME } from "../../../citizen-app/src/theme.ts";
import type { AppDeps } from "../app.ts";
import { html, jsonScript } from "./html.ts";

const SHELL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "manifest-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

const BY_PATH = new Map(
  [CITIZEN_APP.script, CITIZEN_APP.style].map((asset) => [asset.path, asset] as const),
);
const STABLE = [CITIZEN_APP.manifest, CITIZEN_APP.icon, CITIZEN_APP.maskableIcon];

export function citizenAppRoutes(deps: Pick<AppDeps, "config">): Hono {
  const origin = new URL(deps.config.issuer).origin;
  const app = new Hono();

  app.get("/app", (c) => c.redirect("/app/", 301));

  app.get("/app/", (c) => {
    const locale = chooseLocale(acceptedLanguages(c.req.header("accept-language")));
    const messages = CATALOGS[locale];
    const boot: Boot = { locale, messages, origin, timeZone: deps.config.timeZone };
    const page = html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="${THEME.light}" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="${THEME.dark}" media="(prefers-color-scheme: dark)">
<title>${messages["page.title"]}</title>
<link rel="manifest" href="${CITIZEN_APP.manifest.path}">
<link rel="icon" href="${CITIZEN_APP.icon.path}" type="image/svg+xml">
<link rel="apple-touch-icon" href="${CITIZEN_APP.maskableIcon.path}">
<link rel="stylesheet" href="${CITIZEN_APP.style.path}">
<script src="${CITIZEN_APP.script.path}" defer></script></head>
<body><div class="app">
<header class="bar"><h1>Llave</h1><nav id="nav" aria-label="${messages["nav.label"]}" hidden></nav></header>
<main id="screen"><noscript><p>${messages["page.noscript"]}</p></noscript></main>
<p id="status" role="status" class="status note"></p>
<p id="alert" role="alert" class="alert"></p>
</div>
${jsonScript(BOOT_ELEMENT_ID, boot)}</body></html>`;
    return c.body(page.value, 200, {
      "content-type": "text/html; charset=utf-8",
      // Revalidated every time: the service worker serves its copy only when offline.
      "cache-control": "no-cache",
      vary: "Accept-Language",
      "content-security-policy": SHELL_CSP,
      "permissions-policy": "camera=(self)",
      "referrer-policy": "no-referrer",
      "cross-origin-opener-policy": "same-origin",
    });
  });

  app.get("/app/sw.js", (c) =>
    c.body(CITIZEN_APP.serviceWorker.body, 200, {
      "content-type": CITIZEN_APP.serviceWorker.type,
      "cache-control": "no-cache",
      "service-worker-allowed": "/app/",
      // The worker's own fetches: the shell and the assets, from our origin.
      "content-security-policy": "default-src 'none'; connect-src 'self'",
    }),
  );

  for (const asset of STABLE) {
    app.get(asset.path, (c) =>
      c.body(asset.body, 200, {
        "content-type": asset.type,
        "cache-control": "public, max-age=3600",
      }),
    );
  }

  app.get("/app/assets/:file", (c) => {
    const asset = BY_PATH.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
    });
  });

  return app;
}
