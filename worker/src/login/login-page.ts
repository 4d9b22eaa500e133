/**
 * The login page an /authorize request hands over to: `GET /login/{loginId}`, on the issuer's
 * origin, full page or inside `<llave-login>`. The worker renders what does not change while
 * the citizen logs in — the agency and what it asks for, the language switcher, cancel — in
 * the chosen language, and the boot data of the login app (web-widget/src/login-app), which
 * renders the method's screens and finally posts the continue form (oidc/complete-login.ts).
 *
 * The language is the first supported one of: `?lang=` (the switcher), the request's
 * `ui_locales` (which `<llave-login>` fills from its `locale`), Accept-Language; then Spanish.
 * Only that language's catalog is sent. The page may be framed only by the origin the login
 * was started for with `response_mode=web_message`.
 */
import { type Context, Hono } from "hono";
import type { Theme } from "../../../web-widget/src/frame-messages.ts";
import {
  acceptedLanguages,
  type Catalog,
  chooseLocale,
  format,
  LOCALE_NAMES,
  LOCALES,
  type Locale,
} from "../../../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../../../web-widget/src/i18n/catalogs.ts";
import type { Boot, Release } from "../../../web-widget/src/login-app/boot.ts";
import { BOOT_ELEMENT_ID, SCOPE_RELEASES } from "../../../web-widget/src/login-app/boot.ts";
import type { AppDeps } from "../app.ts";
import { PASSWORD_POLICIES } from "../methods/password/password-rules.ts";
import type { AuthorizationRequest } from "../oidc/authorization-request.ts";
import { ASSETS } from "../pages/assets.ts";
import { errorPage, headerFor, pageTexts, siteOf, type WayBack } from "../pages/error-page.ts";
import { BRAND_STYLE, cspSource, html, jsonScript, page } from "../pages/html.ts";
import { fromStartingBrowser } from "./browser-binding.ts";
import { LOGIN_ID } from "./login-routes.ts";
import type { LoginTransaction } from "./login-transaction.ts";

const isRelease = (scope: string): scope is (typeof SCOPE_RELEASES)[number] =>
  (SCOPE_RELEASES as readonly string[]).includes(scope);

function chosenLocale(c: Context, request: AuthorizationRequest): Locale {
  const picked = c.req.query("lang");
  return chooseLocale(
    picked ? [picked] : [],
    request.uiLocales,
    acceptedLanguages(c.req.header("accept-language")),
  );
}

/** The app's view of the transaction's step: no citizen key, no registration level. */
function stepOf(tx: LoginTransaction): Boot["step"] {
  switch (tx.step.kind) {
    case "pin_sent":
      return { kind: "pin_sent", channel: tx.step.channel, sentAt: tx.step.sentAt };
    case "authenticated":
      return { kind: "authenticated" };
    case "change_required":
    case "choose_password":
      return { kind: tx.step.kind };
    case "second_factor": {
      const { otpSentAt, mobileHint } = tx.step;
      return {
        kind: "second_factor",
        otp: otpSentAt === null ? null : { sentAt: otpSentAt },
        mobileHint,
      };
    }
    case "activation_otp":
      return { kind: "activation_otp", sentAt: tx.step.otpSentAt };
    // A CIBA login has no page; only QR and push reach here.
    case "mobile_waiting":
      return { kind: "mobile_waiting", mode: tx.step.mode === "qr" ? "qr" : "push" };
    case "mobile_ended":
      return { kind: "mobile_ended", reason: tx.step.reason };
    default:
      return { kind: "started" };
  }
}

/**
 * The theme: `?theme=` on the page (as `?lang=`, kept by the language switcher) overrides the
 * request's `llave_theme`, so a full-page login honours the theme the agency's link asked for.
 */
function chosenTheme(c: Context, request: AuthorizationRequest): Theme {
  const picked = c.req.query("theme");
  return picked === "light" || picked === "dark" || picked === "auto"
    ? picked
    : request.display.theme;
}

/** The page's `--llave-*` properties, already checked by oidc/checks/display.ts. */
function styleOf(request: AuthorizationRequest): string | undefined {
  const entries = Object.entries(request.display.style);
  if (entries.length === 0) return undefined;
  return `:root,:root[data-theme]{${entries.map(([name, value]) => `${name}:${value}`).join(";")}}`;
}

function renderPage(
  c: Context,
  deps: AppDeps,
  tx: LoginTransaction,
  request: AuthorizationRequest,
  agency: string,
): Response {
  const { config, clock } = deps;
  const locale = chosenLocale(c, request);
  const messages: Catalog = CATALOGS[locale];
  const t = (key: keyof Catalog, values?: Record<string, string | number>) =>
    format(messages[key], values);
  const frameOrigin =
    request.responseMode.kind === "web_message" ? request.responseMode.origin : null;
  const releases: Release[] = ["sub", ...request.scope.filter(isRelease)];
  const here = `/login/${tx.id}`;
  const theme = chosenTheme(c, request);
  // The switcher keeps a theme the URL chose; the continue post names the page's language,
  // which the citizen's messages then use (oidc/complete-login.ts).
  const keep = c.req.query("theme") ? `&theme=${theme}` : "";
  const boot: Boot = {
    loginId: tx.id,
    locale,
    messages,
    agency,
    level: request.acr,
    releases,
    methods: request.methods,
    loginHint: request.loginHint,
    frameOrigin,
    expiresAt: tx.expiresAt,
    serverNow: clock.now(),
    timeZone: config.timeZone,
    loginTtlMinutes: Math.round(config.loginTtlMs / 60_000),
    pin: {
      length: config.pin.length,
      ttlSeconds: config.pin.ttlMs / 1000,
      resendAfterSeconds: config.pin.resendCooldownMs / 1000,
      smsAfterSeconds: config.pin.smsFallbackAfterMs / 1000,
      levels: { app: config.assurance.pinApp, sms: config.assurance.pinSms },
    },
    basicRegistrationCap: config.assurance.capBasic,
    password: {
      policy: PASSWORD_POLICIES[config.password.policy],
      otpLength: config.password.otpLength,
      otpTtlSeconds: config.pin.ttlMs / 1000,
      resendAfterSeconds: config.pin.resendCooldownMs / 1000,
      validityDays: Math.round(config.password.validityMs / 86_400_000),
    },
    mobile: {
      approvalTtlSeconds: config.mobile.approvalTtlMs / 1000,
      qrMaxAgeSeconds: config.mobile.qrMaxAgeSeconds,
    },
    step: stepOf(tx),
  };
  const languages = LOCALES.map(
    (code) =>
      html`<li><a href="${here}?lang=${code}${keep}" lang="${code}" hreflang="${code}"${
        code === locale ? html` aria-current="true"` : ""
      }>${LOCALE_NAMES[code]}</a></li>`,
  );
  // Full page only: inside <llave-login>'s frame the element's shell shows its own.
  const brand = frameOrigin ? "" : headerFor(c, pageTexts(c, [locale]));
  const body = html`<div class="page">
${brand}<header>
<h1>${t("header.asks", { agency })}</h1>
<p class="level">${t(`level.means.${request.acr}`)}</p>
<div class="releases"><p>${t("releases.title")}</p><ul>${releases.map((r) => html`<li>${t(`release.${r}`)}</li>`)}</ul></div>
</header>
<main>
<div id="screen"><noscript><p>${t("page.noscript")}</p></noscript></div>
<p id="status" role="status" class="note"></p>
<p id="alert" role="alert" class="alert"></p>
</main>
<footer>
<form class="cancel" method="post" action="${here}/cancel"><button type="submit">${t("action.cancel")}</button></form>
<nav class="languages" aria-label="${t("language.label")}"><ul>${languages}</ul></nav>
<p class="brand">${t("footer.text")}</p>
</footer>
<form id="continue" method="post" action="${here}/continue?lang=${locale}" hidden></form>
</div>
${jsonScript(BOOT_ELEMENT_ID, boot)}`;
  const inlineStyle = [frameOrigin ? null : BRAND_STYLE, styleOf(request)]
    .filter(Boolean)
    .join("\n");
  return page(c, t("page.title"), body, {
    bare: true,
    lang: locale,
    rootAttributes: {
      "data-theme": theme,
      ...(frameOrigin ? { class: "framed" } : {}),
    },
    stylesheets: [ASSETS.loginCss.path],
    ...(inlineStyle ? { inlineStyle } : {}),
    script: ASSETS.loginApp.path,
    // Full page, the continue and cancel posts end in a redirect to the client.
    formTargets: frameOrigin ? [] : [cspSource(request.redirectUri)],
    ...(frameOrigin ? { frameAncestors: frameOrigin } : {}),
  });
}

/**
 * Back to the service a login was for: its name and the origin of its redirect URI (the
 * request's, which /authorize checked against the registered ones). A login for Llave's own
 * pages goes back to them.
 */
async function wayBack(deps: AppDeps, request: AuthorizationRequest): Promise<WayBack> {
  if (request.responseMode.kind === "own_page") return null;
  const href = siteOf(request.redirectUri);
  if (!href) return null;
  const agency = (await deps.clients.find(request.clientId))?.name ?? new URL(href).host;
  return { agency, href };
}

export function loginPageRoutes(deps: AppDeps): Hono {
  const { logins, clients, clock } = deps;
  const app = new Hono();

  app.get("/:loginId", async (c) => {
    const loginId = c.req.param("loginId");
    const tx = LOGIN_ID.test(loginId) ? await logins.get(loginId).get() : null;
    if (!tx?.authorization || clock.now() >= tx.expiresAt || tx.code) {
      const request = tx?.authorization;
      const mode = request?.responseMode;
      const uiLocales = request?.uiLocales ?? [];
      const { t } = pageTexts(c, uiLocales);
      return errorPage(c, {
        title: t("loginGone.title"),
        lines: [t("loginGone.text")],
        status: 404,
        uiLocales,
        back: request ? await wayBack(deps, request) : null,
        // A framed login that ended still shows why, inside the agency's page.
        ...(mode?.kind === "web_message" ? { frameAncestors: mode.origin } : {}),
      });
    }
    const { clientId, responseMode } = tx.authorization;
    // A link to someone else's login shows them nothing to type into (browser-binding.ts).
    if (!(await fromStartingBrowser(c, tx))) {
      const { t } = pageTexts(c, tx.authorization.uiLocales);
      return errorPage(c, {
        title: t("otherBrowser.title"),
        lines: [t("otherBrowser.text")],
        status: 403,
        uiLocales: tx.authorization.uiLocales,
        back: await wayBack(deps, tx.authorization),
        ...(responseMode.kind === "web_message" ? { frameAncestors: responseMode.origin } : {}),
      });
    }
    const agency =
      responseMode.kind === "own_page"
        ? responseMode.name
        : ((await clients.find(clientId))?.name ?? clientId);
    return renderPage(c, deps, tx, tx.authorization, agency);
  });

  return app;
}
