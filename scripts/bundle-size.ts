/**
 * `npm run size` (after `npm run build`; .ci/run runs both): checks what the build produced
 * against its budgets, prints every figure, and fails when one is over.
 *
 *  - The worker bundle (dist/index.js, minified: wrangler.toml `minify`) ≤ 340 KiB gzip.
 *    Workers allow far more (3 MiB gzip on the free plan), but a bundle that doubles unnoticed
 *    costs every cold start. It carries the login app and the citizen app, so that pages and
 *    the assets they name never disagree. Raised from 300 KiB in issue 15 (324 KiB): the
 *    server's own texts in eight languages, the OpenAPI description of the protocol endpoints,
 *    suspension and unlocks. Issue 16 moves the browser apps to Workers Static Assets and sets
 *    this budget again for server code alone.
 *  - `<llave-login>` ≤ 3 KB gzip (issue 6): the script every agency page loads.
 *  - The login app's JavaScript plus one locale's catalog ≤ 30 KB gzip (issue 6). The catalog
 *    travels inside the login page as JSON (`jsonScript(BOOT_ELEMENT_ID, boot)` in
 *    worker/src/login/login-page.ts), so it is measured as that JSON, gzipped on its own, for
 *    the largest catalog; the sum is a little more than one gzip stream of both would be.
 *  - The citizen app's JavaScript plus its stylesheet ≤ 60 KiB gzip: the QR decoder is most of
 *    it. Its catalog travels in the shell's boot JSON like the login app's (printed, not
 *    budgeted).
 *
 * The browser assets are read from web-widget/dist/assets.ts and citizen-app/dist/assets.ts,
 * which web-widget/build.ts and citizen-app/build.ts write with the exact bodies the worker
 * serves. Sizes are gzip level 9. Raise a budget on purpose, in review.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { CATALOGS as APP_CATALOGS } from "../citizen-app/src/i18n/catalogs.ts";
import { LOCALES, type Locale } from "../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../web-widget/src/i18n/catalogs.ts";
import { BOOT_ELEMENT_ID } from "../web-widget/src/login-app/boot.ts";
import { jsonScript } from "../worker/src/pages/html.ts";
import { ROOT } from "./lib/accounts.ts";

// The citizen app ships in the bundle like the login app, so pages and assets never disagree.
const WORKER_BUDGET = 340 * 1024;
const ELEMENT_BUDGET = 3 * 1024;
const LOGIN_APP_BUDGET = 30 * 1024;
const CITIZEN_APP_BUDGET = 60 * 1024;

const WORKER_BUNDLE = resolve(ROOT, "dist/index.js");
const WIDGET_ASSETS = resolve(ROOT, "web-widget/dist/assets.ts");
const CITIZEN_APP_ASSETS = resolve(ROOT, "citizen-app/dist/assets.ts");

for (const file of [WORKER_BUNDLE, WIDGET_ASSETS, CITIZEN_APP_ASSETS]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
const { ASSETS } = (await import(WIDGET_ASSETS)) as typeof import("../web-widget/dist/assets.ts");
const { CITIZEN_APP } = (await import(
  CITIZEN_APP_ASSETS
)) as typeof import("../citizen-app/dist/assets.ts");

const gzip = (body: string | Buffer) => gzipSync(body, { level: 9 }).length;
const bytes = (body: string | Buffer) =>
  typeof body === "string" ? Buffer.byteLength(body) : body.length;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sized = (n: number) => `${n.toLocaleString("en")} B (${kib(n)})`;

/** Each locale's catalog as the login page carries it, raw and gzipped; largest first. */
const catalogs = LOCALES.map((locale: Locale) => {
  const json = jsonScript(BOOT_ELEMENT_ID, CATALOGS[locale]).value;
  return { locale, raw: bytes(json), gzip: gzip(json) };
}).sort((a, b) => b.gzip - a.gzip);
const largest = catalogs[0];
if (!largest) throw new Error("no locale catalogs");

const worker = readFileSync(WORKER_BUNDLE);
const element = ASSETS.element.body;
const app = ASSETS.loginApp.body;
const css = ASSETS.loginCss.body;
const appGzip = gzip(app);
const citizenJs = CITIZEN_APP.script.body;
const citizenCss = CITIZEN_APP.style.body;
const citizenGzip = gzip(citizenJs) + gzip(citizenCss);
const largestAppCatalog = Math.max(
  ...Object.values(APP_CATALOGS).map((catalog) => gzip(JSON.stringify(catalog))),
);

type Check = { name: string; gzip: number; budget: number; hint: string };
const checks: Check[] = [
  {
    name: "worker bundle (dist/index.js)",
    gzip: gzip(worker),
    budget: WORKER_BUDGET,
    hint: "see what grew with `wrangler deploy --dry-run --metafile`",
  },
  {
    name: `<llave-login> (${ASSETS.element.path})`,
    gzip: gzip(element),
    budget: ELEMENT_BUDGET,
    hint: "the element is a shell around the login frame: move work into the login app",
  },
  {
    name: `login app JS + ${largest.locale} catalog`,
    gzip: appGzip + largest.gzip,
    budget: LOGIN_APP_BUDGET,
    hint: "see what grew with esbuild's metafile of web-widget/src/login-app/main.ts, or shorten the catalogs",
  },
  {
    name: "citizen app JS + CSS",
    gzip: citizenGzip,
    budget: CITIZEN_APP_BUDGET,
    hint: "see what grew with esbuild's metafile of citizen-app/src/main.ts",
  },
];

console.log(`Worker bundle: ${sized(worker.length)} raw, ${sized(gzip(worker))} gzip`);
console.log(`<llave-login>: ${sized(bytes(element))} minified, ${sized(gzip(element))} gzip`);
console.log(
  `Login app JS (${ASSETS.loginApp.path}): ${sized(bytes(app))} minified, ${sized(appGzip)} gzip`,
);
console.log(
  `Login app CSS (${ASSETS.loginCss.path}, not budgeted): ${sized(bytes(css))} minified, ${sized(gzip(css))} gzip`,
);
console.log(
  `Catalogs as page JSON, gzip (largest first): ${catalogs.map((c) => `${c.locale} ${c.gzip}`).join(", ")} B`,
);
console.log(
  `Largest catalog: ${largest.locale}, ${sized(largest.raw)} raw, ${sized(largest.gzip)} gzip`,
);
console.log(
  `Citizen app JS (${CITIZEN_APP.script.path}): ${sized(bytes(citizenJs))} minified, ${sized(gzip(citizenJs))} gzip`,
);
console.log(
  `Citizen app CSS (${CITIZEN_APP.style.path}): ${sized(bytes(citizenCss))} minified, ${sized(gzip(citizenCss))} gzip`,
);
console.log(
  `Citizen app service worker, largest catalog as JSON (not budgeted): ${sized(gzip(CITIZEN_APP.serviceWorker.body))}, ${sized(largestAppCatalog)} gzip`,
);
console.log("");

let over = false;
for (const check of checks) {
  const ok = check.gzip <= check.budget;
  const share = ((100 * check.gzip) / check.budget).toFixed(0);
  console.log(
    `${ok ? "ok  " : "OVER"} ${check.name}: ${sized(check.gzip)} gzip of ${sized(check.budget)} budget (${share} %)`,
  );
  if (!ok) {
    over = true;
    console.error(
      `     ${check.name} is ${check.gzip - check.budget} B over its budget: ${check.hint}.`,
    );
  }
}
if (over) process.exit(1);
