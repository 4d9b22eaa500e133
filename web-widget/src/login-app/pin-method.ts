/**
 * The PIN method (BRIEF.md "PIN"), in two screens:
 *
 *  1. identify — document number (DNI, NIE or codice fiscale, recognised as it is typed), the
 *     contrast datum that document type asks for, an optional personal code, and where the PIN
 *     goes: the Llave app, or an SMS for a citizen without the app (offered only when an SMS
 *     PIN can reach the service's level; when it cannot, the screen says why). Above the level
 *     a basic registration reaches, the screen says so before anything is sent;
 *  2. enter the PIN — when it expires (and that it has), tries left after a wrong one, the SMS
 *     fallback once the app had its time, and another PIN after the resend cool-down once the
 *     PIN cannot be used any more (or at any time for an SMS PIN), each with a visible
 *     countdown, until the login's request cap is reached.
 *
 * "Get PIN" answers the same whether or not the data match (no enumeration), so the second
 * screen never promises: it says what to do if nothing arrives.
 *
 * The same parser as the server checks the document before it is sent, so the citizen gets
 * the precise error at once; the server's answer is the authority either way.
 */
import type { GetPin, PinRequested } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h, show } from "./dom.ts";
import { field } from "./field.ts";
import { contrastError, contrastFields, documentError, documentFields } from "./identity-fields.ts";
import { basicCannotNote, basicReaches, otherMethodLink, smsPinReaches } from "./level-note.ts";
import { busy, report, withError } from "./problems.ts";

const PERSONAL_CODE = /^[A-Za-z0-9]{4}$/;
/** "If nothing arrives within…": never less than this, an SMS can take a while. */
const ARRIVAL_SECONDS = 120;

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
        // Not known after a reload; the server refuses when none is left.
        requestsLeft: 1,
      },
      false,
      options,
    );
    return;
  }
  identify(ctx, options);
}

/** Where the PIN goes: a choice when an SMS PIN can do for this service, else why not. */
function channelChoice(ctx: AppContext, previous: GetPin["channel"] | undefined) {
  const { t } = ctx;
  if (!smsPinReaches(ctx)) {
    return {
      nodes: [
        h("p", { class: "note" }, t("channel.app")),
        h("p", { class: "note" }, t("channel.smsTooWeak")),
      ],
      chosen: (): GetPin["channel"] => "app",
    };
  }
  const radio = (value: GetPin["channel"]) => {
    const input = h("input", { type: "radio", name: "channel", id: `channel-${value}`, value });
    input.checked = value === (previous ?? "app");
    return {
      input,
      row: h(
        "div",
        { class: "check" },
        input,
        h("label", { for: `channel-${value}` }, t(`channel.choice.${value}`)),
      ),
    };
  };
  const app = radio("app");
  const sms = radio("sms");
  return {
    nodes: [
      h("fieldset", { class: "channel" }, h("legend", {}, t("channel.legend")), app.row, sms.row),
    ],
    chosen: (): GetPin["channel"] => (sms.input.checked ? "sms" : "app"),
  };
}

function identify(
  ctx: AppContext,
  options: { focus: boolean },
  previous?: Identity,
  previousChannel?: GetPin["channel"],
): void {
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
  const channel = channelChoice(ctx, previousChannel);
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
    channel.nodes,
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
    const result = await ctx.api.getPin({ ...identity, channel: channel.chosen() });
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

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("pin.identify.title")),
      basicCannotNote(ctx),
      form,
      otherMethodLink(ctx),
    ),
    { focus: options.focus },
  );
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
  // The SMS fallback only where an SMS PIN can reach the level (the identify screen said so).
  const smsAt =
    sent.smsFallbackAfter === null || !smsPinReaches(ctx)
      ? null
      : now + sent.smsFallbackAfter * 1000;
  const resendAt = now + sent.resendAfter * 1000;
  /** The PIN can no longer be used (its tries are spent, or the server says it is gone). */
  let dead = false;

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

  // Asking again needs what was typed on the first screen: by SMS once the app had its time
  // (app PINs), or another PIN on the same channel after the cool-down — at any time for an
  // SMS PIN, once it can no longer be used for an app PIN.
  const expiry = h("p", { class: "note", id: "pin-expiry" });
  const smsWait = h("p", { class: "note", hidden: true });
  const smsButton = h(
    "button",
    { type: "button", class: "secondary", hidden: true },
    t("action.sendSms"),
  );
  const resendWait = h("p", { class: "note", hidden: true });
  const resendButton = h(
    "button",
    { type: "button", class: "secondary", hidden: true },
    t("action.resend"),
  );
  const noMore = h("p", { class: "note", hidden: true }, t("pin.noMore"));
  const write = (element: HTMLElement, text: string) => {
    if (element.textContent !== text) element.textContent = text;
  };
  let announced = false;
  const refresh = () => {
    const at = ctx.now();
    if (at >= boot.expiresAt) return ctx.expire();
    const expired = at >= expiresAt;
    write(expiry, expired ? t("pin.expired") : t("pin.expires", { time: ctx.time(expiresAt) }));
    const canAsk = identity !== null && sent.requestsLeft > 0;
    noMore.hidden = identity === null || sent.requestsLeft > 0;

    const smsLeft = smsAt === null ? null : (smsAt - at) / 1000;
    smsWait.hidden = !canAsk || smsLeft === null;
    smsButton.hidden = !canAsk || smsLeft === null || smsLeft > 0;
    if (canAsk && smsLeft !== null) {
      write(
        smsWait,
        smsLeft > 0 ? t("pin.smsWait", { time: ctx.duration(smsLeft) }) : t("pin.smsReady"),
      );
      if (smsLeft <= 0 && !announced) ctx.announce(t("pin.smsReady"));
      announced ||= smsLeft <= 0;
    }

    const wantsAnother = sent.channel === "sms" || dead || expired;
    const resendLeft = (resendAt - at) / 1000;
    resendWait.hidden = !canAsk || !wantsAnother || resendLeft <= 0;
    resendButton.hidden = !canAsk || !wantsAnother || resendLeft > 0;
    if (!resendWait.hidden) {
      write(resendWait, t("pin.resendWait", { time: ctx.duration(resendLeft) }));
    }
  };
  ctx.everySecond(refresh);

  const askAgain = async (channel: GetPin["channel"], button: HTMLButtonElement) => {
    if (!identity) return;
    const done = busy(button, ctx, button.textContent ?? "");
    const result = await ctx.api.getPin({ ...identity, channel });
    done();
    if (!result.ok) return report(ctx, result.problem, null);
    enterPin(ctx, identity, result.body, personalised, { focus: true });
    ctx.announce(t("status.sentAgain"));
  };
  smsButton.addEventListener("click", () => askAgain("sms", smsButton));
  resendButton.addEventListener("click", () => askAgain(sent.channel, resendButton));

  const back = h("button", { type: "button", class: "link" }, t("action.back"));
  back.addEventListener("click", () =>
    identify(ctx, { focus: true }, identity ?? undefined, sent.channel),
  );

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
    const { problem } = result;
    const spent = problem.code === "invalid_pin" && (problem.triesLeft ?? 0) === 0;
    if (spent) pin.input.value = "";
    // "Ask for another": now offered where it is said, with the cool-down's countdown.
    if (spent || problem.code === "pin_expired" || problem.code === "pin_not_active") {
      dead = true;
      refresh();
    }
    const onPin = ["invalid_pin", "pin_expired", "pin_not_active"].includes(problem.code);
    report(ctx, problem, onPin ? pin : null);
  });

  const arrival = ctx.duration(Math.max(ARRIVAL_SECONDS, sent.resendAfter));
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("pin.title")),
      h("p", {}, t(sent.channel === "app" ? "pin.sent.app" : "pin.sent.sms")),
      sent.channel === "sms"
        ? h("p", { class: "note" }, t("pin.notArriving", { time: arrival }))
        : null,
      basicReaches(ctx) ? null : h("p", { class: "note" }, t("pin.levelHint")),
      expiry,
      form,
      h("div", { class: "again" }, smsWait, smsButton, resendWait, resendButton, noMore),
      back,
      otherMethodLink(ctx),
    ),
    { focus: options.focus },
  );
  if (options.focus) pin.input.focus();
}
