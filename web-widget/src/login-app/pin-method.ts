/**
 * The PIN method (BRIEF.md "PIN"), in two screens:
 *
 *  1. identify — document number (DNI, NIE or codice fiscale, recognised as it is typed), the
 *     contrast datum that document type asks for, and an optional personal code; "Get PIN"
 *     sends the PIN to the app first;
 *  2. enter the PIN — with when it expires, tries left after a wrong one, and the SMS
 *     fallback, offered once the app had its 60 seconds (a visible countdown until then).
 *
 * The same parser as the server checks the document before it is sent, so the citizen gets
 * the precise error at once; the server's answer is the authority either way.
 */
import type { GetPin, PinRequested } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h, show } from "./dom.ts";
import { field } from "./field.ts";
import { contrastError, contrastFields, documentError, documentFields } from "./identity-fields.ts";
import { busy, report, withError } from "./problems.ts";

const PERSONAL_CODE = /^[A-Za-z0-9]{4}$/;

/** What the citizen typed on the first screen, kept to ask again (SMS, another PIN). */
type Identity = Omit<GetPin, "channel">;

export function startPin(ctx: AppContext, options: { focus: boolean }): void {
  const { step } = ctx.boot;
  if (step.kind === "pin_sent") {
    // The page was reloaded after a PIN was sent: the PIN is still good, but what was typed
    // on the first screen is gone, so asking again means going back there.
    const sentAt = step.sentAt;
    const pin = ctx.boot.pin;
    enterPin(
      ctx,
      null,
      {
        status: "pin_requested",
        channel: step.channel,
        expiresIn: Math.round((sentAt + pin.ttlSeconds * 1000 - ctx.now()) / 1000),
        resendAfter: Math.round((sentAt + pin.resendAfterSeconds * 1000 - ctx.now()) / 1000),
        smsFallbackAfter:
          step.channel === "app"
            ? Math.round((sentAt + pin.smsAfterSeconds * 1000 - ctx.now()) / 1000)
            : null,
      },
      false,
      options,
    );
    return;
  }
  identify(ctx, options);
}

function identify(ctx: AppContext, options: { focus: boolean }, previous?: Identity): void {
  const { t } = ctx;
  const doc = documentFields(ctx, previous?.document ?? ctx.boot.loginHint ?? "");
  const contrast = contrastFields(ctx, doc, previous?.contrast);
  const personalToggle = h("input", { type: "checkbox", id: "personalise", name: "personalise" });
  personalToggle.checked = previous?.personalCode !== undefined;
  const personal = field("personal-code", t("personal.label"), t("personal.hint"), {
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 4,
    value: previous?.personalCode ?? "",
  });
  const submit = h("button", { type: "submit", class: "primary" }, t("action.getPin"));
  const update = () => show(personal.root, personalToggle.checked);
  personalToggle.addEventListener("change", update);
  update();

  const form = h(
    "form",
    { novalidate: true },
    doc.nodes,
    contrast.nodes,
    h(
      "div",
      { class: "check" },
      personalToggle,
      h("label", { for: "personalise" }, t("personal.toggle")),
    ),
    personal.root,
    h("p", { class: "note" }, t("channel.app")),
    submit,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    personal.setError(null);
    doc.check();
    contrast.check();
    const code = personalToggle.checked ? personal.input.value.trim() : undefined;
    if (code !== undefined && !PERSONAL_CODE.test(code)) personal.setError(t("error.personal"));
    const invalid = [doc.field, contrast.field, personal].find((f) => f.hasError());
    if (invalid) return invalid.input.focus();

    const identity: Identity = {
      document: doc.field.input.value,
      contrast: contrast.datum(),
      ...(code === undefined ? {} : { personalCode: code }),
    };
    const done = busy(submit, ctx, t("action.getPin"));
    const result = await ctx.api.getPin({ ...identity, channel: "app" });
    done();
    if (result.ok) return enterPin(ctx, identity, result.body, code !== undefined, { focus: true });
    const { problem } = result;
    if (problem.code === "invalid_document") {
      return report(ctx, problem, withError(doc.field, documentError(ctx, problem.reason)));
    }
    if (problem.code === "invalid_contrast_datum") {
      return report(ctx, problem, withError(contrast.field, contrastError(ctx, problem.reason)));
    }
    if (problem.code === "invalid_personal_code") {
      return report(ctx, problem, withError(personal, t("error.personal")));
    }
    report(ctx, problem, null);
  });

  ctx.showScreen(h("section", { class: "screen" }, h("h2", {}, t("pin.identify.title")), form), {
    focus: options.focus,
  });
}

function enterPin(
  ctx: AppContext,
  identity: Identity | null,
  sent: PinRequested,
  personalised: boolean,
  options: { focus: boolean },
): void {
  const { t, boot } = ctx;
  const now = ctx.now();
  const expiresAt = now + sent.expiresIn * 1000;
  const smsAt = sent.smsFallbackAfter === null ? null : now + sent.smsFallbackAfter * 1000;
  const resendAt = now + sent.resendAfter * 1000;

  const pin = field("pin", t("pin.label"), t("pin.hint", { length: boot.pin.length }), {
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: boot.pin.length,
    required: true,
  });
  const personal = personalised
    ? field("pin-personal-code", t("personal.label"), null, {
        autocomplete: "off",
        autocapitalize: "characters",
        spellcheck: "false",
        maxlength: 4,
        required: true,
      })
    : null;
  const submit = h("button", { type: "submit", class: "primary" }, t("action.verify"));
  const form = h("form", { novalidate: true }, pin.root, personal?.root, submit);

  // Asking again: by SMS once the app had its time (app PINs), or another PIN after the
  // cool-down (SMS PINs). Both need what was typed on the first screen.
  const againWait = h("p", { class: "note" });
  const againButton = h(
    "button",
    { type: "button", class: "secondary", hidden: true },
    t(sent.channel === "app" ? "action.sendSms" : "action.resend"),
  );
  const againAt = sent.channel === "app" ? smsAt : resendAt;
  let announced = false;
  ctx.everySecond(() => {
    if (ctx.now() >= boot.expiresAt) return ctx.expire();
    if (identity === null || againAt === null) {
      againWait.hidden = true;
      return;
    }
    const left = (againAt - ctx.now()) / 1000;
    if (left > 0) {
      againWait.textContent = t(sent.channel === "app" ? "pin.smsWait" : "pin.resendWait", {
        time: ctx.duration(left),
      });
      return;
    }
    againWait.textContent = sent.channel === "app" ? t("pin.smsReady") : "";
    againWait.hidden = sent.channel !== "app";
    againButton.hidden = false;
    if (!announced && sent.channel === "app") ctx.announce(t("pin.smsReady"));
    announced = true;
  });
  againButton.addEventListener("click", async () => {
    if (!identity) return;
    const label = againButton.textContent ?? "";
    const done = busy(againButton, ctx, label);
    const result = await ctx.api.getPin({ ...identity, channel: "sms" });
    done();
    if (!result.ok) return report(ctx, result.problem, null);
    enterPin(ctx, identity, result.body, personalised, { focus: true });
    ctx.announce(t("status.sentAgain"));
  });

  const back = h("button", { type: "button", class: "link" }, t("action.back"));
  back.addEventListener("click", () => identify(ctx, { focus: true }, identity ?? undefined));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    pin.setError(null);
    personal?.setError(null);
    const value = pin.input.value.replace(/\s/g, "");
    if (!new RegExp(`^[0-9]{${boot.pin.length}}$`).test(value)) {
      pin.setError(t("error.pin.format", { length: boot.pin.length }));
      return pin.input.focus();
    }
    const code = personal?.input.value.trim();
    if (personal && !PERSONAL_CODE.test(code ?? "")) {
      personal.setError(t("error.personal"));
      return personal.input.focus();
    }
    const done = busy(submit, ctx, t("action.verify"));
    const result = await ctx.api.verifyPin(value, code);
    if (result.ok) {
      submit.textContent = t("status.verified");
      ctx.announce(t("status.verified"));
      return ctx.finish();
    }
    done();
    if (result.problem.code === "invalid_pin" && (result.problem.triesLeft ?? 0) === 0) {
      pin.input.value = "";
    }
    const onPin = ["invalid_pin", "pin_expired", "pin_not_active"].includes(result.problem.code);
    report(ctx, result.problem, onPin ? pin : null);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("pin.title")),
      h("p", {}, t(sent.channel === "app" ? "pin.sent.app" : "pin.sent.sms")),
      h("p", { class: "note" }, t("pin.expires", { time: ctx.time(expiresAt) })),
      form,
      h("div", { class: "again" }, againWait, againButton),
      back,
    ),
    { focus: options.focus },
  );
  if (options.focus) pin.input.focus();
}
