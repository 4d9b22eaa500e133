/**
 * The step-up's other second factor: the code the Llave app shows (TOTP, docs/password.md "The
 * code from the app"). Reached from the SMS code screen ("Use the code from the Llave app"),
 * and back again ("Use the code by SMS"): both screens keep their state, since the SMS code
 * already sent stays valid while the citizen looks for the phone.
 *
 * A TOTP has no tries of its own: a wrong code says so without a count, and the account-wide
 * back-off and block read as everywhere else.
 */
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import { field } from "./field.ts";
import { busy, report } from "./problems.ts";

const LENGTH = 6;

export type AppCodeScreen = {
  /** Back to the SMS code, as it was. */
  back(): void;
  /** The code was right: the login is authenticated. */
  verified(): void;
};

export function appCodeScreen(ctx: AppContext, screen: AppCodeScreen): void {
  const { t, boot } = ctx;
  const code = field("app-code", t("appcode.label"), t("otp.hint", { length: LENGTH }), {
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: LENGTH,
    required: true,
  });
  const label = t("action.verify");
  const submit = h("button", { type: "submit", class: "primary" }, label);
  const form = h("form", { novalidate: true }, code.root, submit);
  const back = h("button", { type: "button", class: "link" }, t("stepup.useSms"));
  back.addEventListener("click", () => screen.back());
  ctx.everySecond(() => {
    if (ctx.now() >= boot.expiresAt) ctx.expire();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    code.setError(null);
    const value = code.input.value.replace(/\s/g, "");
    if (!new RegExp(`^[0-9]{${LENGTH}}$`).test(value)) {
      code.setError(t("error.otp.format", { length: LENGTH }));
      return code.input.focus();
    }
    const done = busy(submit, ctx, label);
    const result = await ctx.api.verifyAppCode(value);
    if (result.ok) {
      submit.textContent = t("status.verified");
      ctx.announce(t("status.verified"));
      return screen.verified();
    }
    done();
    const { problem } = result;
    if (problem.code === "invalid_otp") {
      code.setError(t("error.app_code.invalid"));
      return code.input.focus();
    }
    report(ctx, problem, problem.code === "otp_used" ? code : null);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("stepup.title")),
      h("p", {}, t("appcode.intro")),
      form,
      back,
    ),
  );
  code.input.focus();
}
