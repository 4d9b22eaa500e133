/**
 * The citizen's area as a page: `GET /account`, rendered on the server in the citizen's
 * language, with plain HTML forms for each action (no script needed; the same actions as the
 * JSON API, account-actions.ts). A form's answer is a redirect back to the page with what
 * happened (post/redirect/get), or the page again with the reason it was refused.
 *
 * Without a substantial session the page sends the citizen to /account/login.
 */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  acceptedLanguages,
  type Catalog,
  chooseLocale,
  format,
  type MessageKey,
} from "../../../web-widget/src/i18n/catalog.ts";
import { CATALOGS } from "../../../web-widget/src/i18n/catalogs.ts";
import { calendarDate, zonedTime } from "../../../web-widget/src/i18n/time-words.ts";
import type { AppDeps } from "../app.ts";
import { Problem } from "../errors.ts";
import type { PasswordHasher } from "../methods/password/password-hasher.ts";
import { policyFrom } from "../methods/password/password-policy.ts";
import { bodyText } from "../oidc/form.ts";
import { ASSETS } from "../pages/assets.ts";
import { headerFor, pageTexts } from "../pages/error-page.ts";
import { BRAND_STYLE, html, page } from "../pages/html.ts";
import type { Citizen } from "../storage/account-store.ts";
import { cancelPassword, changePassword, requestActivationCode } from "./account-actions.ts";

type Overview = {
  citizen: { givenName: string; familyName: string; documentNumber: string };
  password: { status: string; expiresAt?: number };
  activationCode: { expiresAt: number } | null;
};

type Shared = {
  citizenOf(c: Context): Promise<Citizen>;
  sameOrigin(c: Context): void;
  overview(citizen: Citizen): Promise<Overview>;
};

const DONE = ["changed", "cancelled", "code"] as const;
type Done = (typeof DONE)[number];

function translator(c: Context, timeZone: string) {
  const picked = c.req.query("lang");
  const locale = chooseLocale(
    picked ? [picked] : [],
    [],
    acceptedLanguages(c.req.header("accept-language")),
  );
  const messages: Catalog = CATALOGS[locale];
  return {
    locale,
    t: (key: MessageKey, values?: Record<string, string | number>) => format(messages[key], values),
    date: (ms: number) => calendarDate(locale, ms, timeZone),
    moment: (ms: number) =>
      `${calendarDate(locale, ms, timeZone)}, ${zonedTime(locale, ms, timeZone)}`,
  };
}

/** A problem as the sentence the page shows. */
function refusal(tr: ReturnType<typeof translator>, problem: Problem, minLength: number): string {
  const reasons = Array.isArray(problem.extra.reasons) ? (problem.extra.reasons as string[]) : [];
  switch (problem.code) {
    case "invalid_credentials":
      return tr.t("account.error.current", { tries: Number(problem.extra.triesLeft ?? 0) });
    case "weak_password":
      return reasons
        .map((r) =>
          tr.t("error.weak_password", {
            reason: tr.t(`password.reason.${r}` as MessageKey, { length: minLength }),
          }),
        )
        .join(" ");
    case "password_locked":
    case "login_blocked": {
      // A lockout ends by itself; the page says when (errors.ts lockedProblem).
      const until = Date.parse(String(problem.extra.lockedUntil ?? ""));
      return tr.t(`error.${problem.code}`, { when: Number.isNaN(until) ? "" : tr.moment(until) });
    }
    case "password_busy":
      return tr.t("error.password_busy", { time: "1 min" });
    case "no_mobile":
      return tr.t("account.error.mobile");
    default:
      return tr.t("error.unknown");
  }
}

export function accountPageRoutes(deps: AppDeps, hasher: PasswordHasher, shared: Shared): Hono {
  const app = new Hono();
  const policy = policyFrom(deps.config.password.policy);

  async function render(
    c: Context,
    citizen: Citizen,
    message: { text: string; error: boolean } | null,
    status: ContentfulStatusCode = 200,
  ) {
    const tr = translator(c, deps.config.timeZone);
    const { t, date } = tr;
    const view = await shared.overview(citizen);
    const pw = view.password;
    const expires = pw.expiresAt === undefined ? "" : date(pw.expiresAt);
    const stateText =
      pw.status === "active"
        ? t("account.password.active", { date: expires })
        : pw.status === "expired"
          ? t("account.password.expired", { date: expires })
          : pw.status === "blocked"
            ? t("account.password.blocked")
            : t("account.password.none");
    const has = pw.status !== "none";
    const name = `${citizen.givenName} ${citizen.familyName}`;
    const body = html`<div class="page">
${headerFor(c, pageTexts(c, [tr.locale]))}<header><h1>${t("account.heading")}</h1><p class="level">${t("account.who", { name, document: citizen.documentNumber })}</p></header>
<main>
${message ? html`<p class="${message.error ? "alert" : "note"}" role="${message.error ? "alert" : "status"}">${message.text}</p>` : ""}
<section class="screen"><h2>${t("account.password.title")}</h2><p>${stateText}</p></section>
${
  has
    ? html`<section class="screen"><h2>${t("account.change.title")}</h2>
<form method="post" action="/account/password">
<div class="field"><label for="current">${t("account.change.current")}</label><input id="current" name="current" type="password" autocomplete="current-password" required></div>
<div class="field"><label for="new">${t("account.change.new")}</label><p class="hint" id="new-hint">${t("rule.length", { length: policy.minLength })}</p><input id="new" name="new" type="password" autocomplete="new-password" aria-describedby="new-hint" required minlength="${policy.minLength}"></div>
<button type="submit" class="primary">${t("account.change.submit")}</button></form></section>
<section class="screen"><h2>${t("account.cancel.title")}</h2><p>${t("account.cancel.text")}</p>
<form method="post" action="/account/cancel"><button type="submit" class="secondary">${t("account.cancel.submit")}</button></form></section>`
    : ""
}
<section class="screen"><h2>${t("account.code.title")}</h2>
${view.activationCode ? html`<p>${t("account.code.live", { date: date(view.activationCode.expiresAt) })}</p>` : ""}
<p>${t("account.code.text")}</p>
<form method="post" action="/account/code"><button type="submit" class="secondary">${t("account.code.submit")}</button></form></section>
</main>
<footer><p class="brand">${t("footer.text")}</p></footer></div>`;
    return page(c, t("account.title"), body, {
      bare: true,
      lang: tr.locale,
      stylesheets: [ASSETS.loginCss.path],
      inlineStyle: BRAND_STYLE,
      status,
    });
  }

  /** The session's citizen, or a redirect to log in. */
  async function who(c: Context): Promise<Citizen | Response> {
    try {
      return await shared.citizenOf(c);
    } catch (error) {
      if (error instanceof Problem && error.code === "login_required") {
        return c.redirect("/account/login", 303);
      }
      throw error;
    }
  }

  app.get("/account", async (c) => {
    const citizen = await who(c);
    if (citizen instanceof Response) return citizen;
    const done = c.req.query("done");
    const tr = translator(c, deps.config.timeZone);
    const message = DONE.includes(done as Done)
      ? await doneMessage(tr, done as Done, citizen)
      : null;
    return render(c, citizen, message);
  });

  async function doneMessage(tr: ReturnType<typeof translator>, done: Done, citizen: Citizen) {
    if (done === "changed") {
      const view = await shared.overview(citizen);
      const expires = view.password.expiresAt;
      return {
        text: tr.t("account.done.changed", { date: expires ? tr.date(expires) : "" }),
        error: false,
      };
    }
    return {
      text: tr.t(done === "code" ? "account.done.code" : "account.done.cancelled"),
      error: false,
    };
  }

  /** Runs a form's action: back to the page with what happened, or the reason it failed. */
  function action(path: string, run: (c: Context, citizen: Citizen) => Promise<Done>) {
    app.post(path, async (c) => {
      shared.sameOrigin(c);
      const citizen = await who(c);
      if (citizen instanceof Response) return citizen;
      try {
        const done = await run(c, citizen);
        return c.redirect(`/account?done=${done}`, 303);
      } catch (error) {
        if (!(error instanceof Problem) || error.status >= 500) throw error;
        const text = refusal(translator(c, deps.config.timeZone), error, policy.minLength);
        return render(c, citizen, { text, error: true }, error.status as ContentfulStatusCode);
      }
    });
  }

  action("/account/password", async (c, citizen) => {
    const form = new URLSearchParams(await bodyText(c));
    await changePassword(
      deps,
      hasher,
      c,
      citizen,
      form.get("current") ?? "",
      form.get("new") ?? "",
    );
    return "changed";
  });
  action("/account/cancel", async (c, citizen) => {
    await cancelPassword(deps, c, citizen);
    return "cancelled";
  });
  action("/account/code", async (c, citizen) => {
    await requestActivationCode(deps, c, citizen);
    return "code";
  });

  return app;
}
