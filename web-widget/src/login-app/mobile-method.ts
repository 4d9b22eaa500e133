/**
 * The mobile method (BRIEF.md "Mobile", docs/mobile.md): the citizen approves the login in the
 * Llave app on their phone, picking the number this page shows (number matching). Its screens:
 *
 *  1. choose: scan a QR with the app (the default), or receive a request in the app (push);
 *  2. push only: document number and contrast datum, then "Send the request to the app" — the
 *     answer is the same whether or not the citizen exists or has the app;
 *  3. waiting, expired and ended (./mobile-waiting.ts).
 *
 * A reload resumes at the boot's step: still waiting (the mode from the step, the rest from the
 * status), or ended.
 */
import type { StartPush } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import type { Field } from "./field.ts";
import { contrastError, contrastFields, documentError, documentFields } from "./identity-fields.ts";
import {
  endedScreen,
  type MobileMode,
  resumeWaiting,
  type Ways,
  waitingScreen,
} from "./mobile-waiting.ts";
import { busy, report, withError } from "./problems.ts";

export function startMobile(ctx: AppContext, options: { focus: boolean }): void {
  const { step } = ctx.boot;
  if (step.kind === "mobile_ended") endedScreen(ctx, step.reason, options);
  else if (step.kind === "mobile_waiting") resumeWaiting(ctx, step.mode, ways(ctx, null), options);
  else chooseMode(ctx, options);
}

/** `identity`: what the push screen sent, to send the request again after it expired. */
function ways(ctx: AppContext, identity: StartPush | null): Ways {
  return {
    again(mode: MobileMode, button) {
      if (mode === "qr") void showQr(ctx, button);
      else if (identity) void sendPush(ctx, identity, button, null);
      else pushScreen(ctx, { focus: true });
    },
    back: () => chooseMode(ctx, { focus: true }),
  };
}

function chooseMode(ctx: AppContext, options: { focus: boolean }): void {
  const { t } = ctx;
  const qr = h("button", { type: "button", class: "primary" }, t("mobile.choice.qr"));
  qr.addEventListener("click", () => void showQr(ctx, qr));
  const push = h("button", { type: "button", class: "secondary" }, t("mobile.choice.push"));
  push.addEventListener("click", () => pushScreen(ctx, { focus: true }));
  const others = h("button", { type: "button", class: "link" }, t("mobile.otherMethod"));
  others.addEventListener("click", () => ctx.chooseMethod());
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("mobile.title")),
      h("p", {}, t("mobile.intro")),
      qr,
      push,
      ctx.boot.methods.length > 1 && others,
    ),
    options,
  );
}

/** Starts (or restarts) QR mode; the QR screen on success, the problem announced otherwise. */
async function showQr(ctx: AppContext, button: HTMLButtonElement): Promise<void> {
  const done = busy(button, ctx, button.textContent ?? "");
  const result = await ctx.api.startQr();
  done();
  if (!result.ok) return report(ctx, result.problem, null);
  waitingScreen(ctx, result.body, ways(ctx, null), { focus: true });
}

/**
 * Sends the push request. `fields` are the push screen's (null when sending again from the
 * expired screen), which get the document's and the datum's problems.
 */
async function sendPush(
  ctx: AppContext,
  identity: StartPush,
  button: HTMLButtonElement,
  fields: { document: Field; contrast: Field } | null,
): Promise<void> {
  const done = busy(button, ctx, button.textContent ?? "");
  const result = await ctx.api.startPush(identity);
  done();
  if (result.ok) return waitingScreen(ctx, result.body, ways(ctx, identity), { focus: true });
  const { problem } = result;
  if (problem.code === "invalid_document" && fields) {
    return report(ctx, problem, withError(fields.document, documentError(ctx, problem.reason)));
  }
  if (problem.code === "invalid_contrast_datum" && fields) {
    return report(ctx, problem, withError(fields.contrast, contrastError(ctx, problem.reason)));
  }
  report(ctx, problem, null);
}

function pushScreen(ctx: AppContext, options: { focus: boolean }): void {
  const { t } = ctx;
  const doc = documentFields(ctx, ctx.boot.loginHint ?? "");
  const contrast = contrastFields(ctx, doc);
  const submit = h("button", { type: "submit", class: "primary" }, t("action.sendPush"));
  const form = h(
    "form",
    { novalidate: true },
    doc.nodes,
    contrast.nodes,
    h("p", { class: "note" }, t("mobile.push.note")),
    submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    doc.check();
    contrast.check();
    const invalid = [doc.field, contrast.field].find((f) => f.hasError());
    if (invalid) return invalid.input.focus();
    const identity = { document: doc.field.input.value, contrast: contrast.datum() };
    void sendPush(ctx, identity, submit, { document: doc.field, contrast: contrast.field });
  });
  const back = h("button", { type: "button", class: "link" }, t("mobile.back"));
  back.addEventListener("click", () => chooseMode(ctx, { focus: true }));
  ctx.showScreen(
    h("section", { class: "screen" }, h("h2", {}, t("mobile.push.title")), form, back),
    options,
  );
}
