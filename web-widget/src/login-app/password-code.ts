/**
 * The password method's SMS code screen, in its two uses:
 *
 *  - step-up: a password proves `low`; a service that needs `substantial` also asks for a
 *    one-time code by SMS. It is sent at once after the password, or, for a `low` session met
 *    by a request that needs more, when the citizen asks for it (`sent` null: "Send code").
 *  - activation: the code that proves the citizen holds the registered mobile. The server
 *    never says whether the activation data matched, so neither does this screen: "if the data
 *    are correct, you will receive a code".
 *
 * Either way the screen shows when the code expires, and offers another after the cool-down
 * with a visible countdown, as the PIN screen does. A step-up also offers the code the Llave
 * app shows instead (./password-app-code.ts), with or without an SMS code sent.
 */
import type { OtpSent, Problem } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import { type Field, field } from "./field.ts";
import { appCodeScreen } from "./password-app-code.ts";
import { busy, report } from "./problems.ts";

export type CodeScreen = {
  purpose: "step_up" | "activation";
  /** The code that went out; null = not sent yet. */
  sent: OtpSent | null;
  mobileHint: string | null;
  /** Activation: back to the screen with the data. */
  back?: () => void;
  /** The code was right: `authenticated` (step-up) or `choose_password` (activation). */
  verified(status: "authenticated" | "choose_password"): void;
};

/** The boot's step says a code went out at `sentAt` (a reload): what the answer said then. */
export function sentAt(ctx: AppContext, at: number, mobileHint: string | null): OtpSent {
  const { otpTtlSeconds, resendAfterSeconds } = ctx.boot.password;
  const left = (seconds: number) => Math.round((at + seconds * 1000 - ctx.now()) / 1000);
  return {
    status: "otp_sent",
    channel: "sms",
    expiresIn: left(otpTtlSeconds),
    resendAfter: left(resendAfterSeconds),
    mobileHint,
  };
}

export function codeScreen(ctx: AppContext, screen: CodeScreen, options: { focus: boolean }): void {
  const { t, boot } = ctx;
  const { purpose, sent } = screen;
  // The cool-down's own wording: the shared message speaks of PINs.
  const complain = (problem: Problem, where: Field | null) =>
    problem.code === "resend_cooldown"
      ? ctx.alert(t("otp.resendWait", { time: ctx.duration(problem.retryAfter ?? 0) }))
      : report(ctx, problem, where);
  const send = async (button: HTMLButtonElement, again: boolean) => {
    const done = busy(button, ctx, button.textContent ?? "");
    const result = await ctx.api.sendOtp();
    done();
    if (!result.ok) return complain(result.problem, null);
    const mobileHint = result.body.mobileHint ?? screen.mobileHint;
    codeScreen(ctx, { ...screen, sent: result.body, mobileHint }, { focus: true });
    if (again) ctx.announce(t("status.codeSent"));
  };
  const mobile = screen.mobileHint
    ? h("p", { class: "note" }, t("otp.mobile"), " ", h("strong", {}, screen.mobileHint))
    : null;
  const back = screen.back
    ? h("button", { type: "button", class: "link" }, t("action.changeData"))
    : null;
  back?.addEventListener("click", () => screen.back?.());
  // The SMS code as it stands now, to come back to from the app's code.
  let current = (): OtpSent | null => sent;
  const useApp =
    purpose === "step_up"
      ? h("button", { type: "button", class: "link" }, t("stepup.useApp"))
      : null;
  useApp?.addEventListener("click", () =>
    appCodeScreen(ctx, {
      back: () => codeScreen(ctx, { ...screen, sent: current() }, { focus: true }),
      verified: () => screen.verified("authenticated"),
    }),
  );
  const section = (...children: (HTMLElement | null)[]) =>
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t(purpose === "step_up" ? "stepup.title" : "otp.title")),
      purpose === "step_up"
        ? h("p", {}, t("stepup.intro", { level: t(`level.${boot.level}`) }))
        : null,
      children,
      useApp,
      back,
    );

  if (sent === null) {
    const button = h("button", { type: "button", class: "primary" }, t("action.sendCode"));
    button.addEventListener("click", () => send(button, false));
    ctx.everySecond(() => {
      if (ctx.now() >= boot.expiresAt) ctx.expire();
    });
    ctx.showScreen(section(screen.mobileHint ? h("p", {}, t("stepup.to")) : null, mobile, button), {
      focus: options.focus,
    });
    return;
  }

  const now = ctx.now();
  const expiresAt = now + sent.expiresIn * 1000;
  const resendAt = now + sent.resendAfter * 1000;
  current = () => ({
    ...sent,
    expiresIn: Math.round((expiresAt - ctx.now()) / 1000),
    resendAfter: Math.max(0, Math.round((resendAt - ctx.now()) / 1000)),
  });
  const length = boot.password.otpLength;
  const code = field("otp", t("otp.label"), t("otp.hint", { length }), {
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: length,
    required: true,
  });
  const label = t(purpose === "step_up" ? "action.verify" : "action.continue");
  const submit = h("button", { type: "submit", class: "primary" }, label);
  const form = h("form", { novalidate: true }, code.root, submit);

  const againWait = h("p", { class: "note" });
  const againButton = h(
    "button",
    { type: "button", class: "secondary", hidden: true },
    t("action.resendCode"),
  );
  againButton.addEventListener("click", () => send(againButton, true));
  ctx.everySecond(() => {
    if (ctx.now() >= boot.expiresAt) return ctx.expire();
    const left = (resendAt - ctx.now()) / 1000;
    againWait.hidden = left <= 0;
    againButton.hidden = left > 0;
    if (left > 0) againWait.textContent = t("otp.resendWait", { time: ctx.duration(left) });
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    code.setError(null);
    const value = code.input.value.replace(/\s/g, "");
    if (!new RegExp(`^[0-9]{${length}}$`).test(value)) {
      code.setError(t("error.otp.format", { length }));
      return code.input.focus();
    }
    const done = busy(submit, ctx, label);
    const result = await ctx.api.verifyOtp(value);
    if (result.ok && result.body.status === "authenticated") {
      submit.textContent = t("status.verified");
      ctx.announce(t("status.verified"));
      return screen.verified("authenticated");
    }
    done();
    if (result.ok) return screen.verified(result.body.status);
    const { problem } = result;
    if (problem.code === "invalid_otp" && (problem.triesLeft ?? 0) === 0) code.input.value = "";
    const onCode = ["invalid_otp", "otp_expired", "otp_not_active"].includes(problem.code);
    complain(problem, onCode ? code : null);
  });

  ctx.showScreen(
    section(
      h("p", {}, t(purpose === "step_up" ? "stepup.sent" : "activation.sent")),
      mobile,
      h("p", { class: "note" }, t("otp.expires", { time: ctx.time(expiresAt) })),
      form,
      h("div", { class: "again" }, againWait, againButton),
    ),
    { focus: options.focus },
  );
  if (options.focus) code.input.focus();
}
