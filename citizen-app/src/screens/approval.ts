/**
 * An approval request (docs/mobile.md "Answering"): who asks (the agency), where the login
 * started, the binding message of a CIBA request, a countdown, and number matching — the
 * citizen picks, among three, the number the login page (or the operator) shows, then
 * approves. A wrong number ends the login at the server: a guess gets no second try.
 *
 * "Decline" and "It was not me" are as large as "Approve" and set apart from it, so refusing
 * is never the harder choice.
 */
import type { Answered, Approval, Problem } from "../api.ts";
import type { AppContext } from "../context.ts";
import { h } from "../dom.ts";
import type { MessageKey } from "../i18n/catalog.ts";
import type { InboxFeed } from "../inbox-feed.ts";
import { busy, report } from "../problems.ts";
import { origin } from "./inbox.ts";

type Outcome =
  | Answered["status"]
  | "wrong_number"
  | "approval_expired"
  | "approval_answered"
  | "gone";

const OUTCOMES: Record<Outcome, { title: MessageKey; text: MessageKey }> = {
  approved: { title: "outcome.approved.title", text: "outcome.approved.text" },
  declined: { title: "outcome.declined.title", text: "outcome.declined.text" },
  reported: { title: "outcome.reported.title", text: "outcome.reported.text" },
  wrong_number: { title: "outcome.wrong_number.title", text: "outcome.wrong_number.text" },
  approval_expired: { title: "outcome.expired.title", text: "outcome.expired.text" },
  approval_answered: { title: "outcome.answered.title", text: "outcome.answered.text" },
  gone: { title: "outcome.gone.title", text: "outcome.gone.text" },
};

const outcomeOf = (problem: Problem): Outcome | null => {
  switch (problem.code) {
    case "wrong_number":
    case "approval_expired":
    case "approval_answered":
      return problem.code;
    case "approval_not_found":
      return "gone";
    default:
      return null;
  }
};

function outcomeScreen(ctx: AppContext, outcome: Outcome): void {
  const { t } = ctx;
  const back = h("button", { type: "button", class: "primary" }, t("action.toInbox"));
  back.addEventListener("click", () => ctx.go.inbox());
  ctx.showScreen(
    h(
      "section",
      { class: "screen outcome", "data-outcome": outcome },
      h("h2", {}, t(OUTCOMES[outcome].title)),
      h("p", {}, t(OUTCOMES[outcome].text)),
      back,
    ),
    { section: null },
  );
}

export function approvalScreen(ctx: AppContext, feed: InboxFeed, approval: Approval): void {
  const { t } = ctx;
  let answering = false;

  const left = h("span", {});
  const from = origin(approval);
  const details = h(
    "dl",
    { class: "details" },
    h("dt", {}, t("approval.agency")),
    h("dd", {}, approval.agency),
    h("dt", {}, t("approval.origin")),
    h(
      "dd",
      {},
      approval.mode === "ciba" ? t("approval.origin.ciba") : (from ?? t("approval.origin.unknown")),
    ),
    approval.bindingMessage ? h("dt", {}, t("approval.message")) : null,
    approval.bindingMessage ? h("dd", { class: "binding" }, approval.bindingMessage) : null,
    h("dt", {}, t("approval.expires")),
    h("dd", {}, left),
  );

  const question = t(approval.mode === "ciba" ? "approval.question.ciba" : "approval.question");
  const choiceError = h("p", { id: "choice-error", class: "field-error", hidden: true });
  const radios = approval.choices.map((n) =>
    h("input", { type: "radio", name: "number", id: `number-${n}`, value: n, required: true }),
  );
  const choices = h(
    "fieldset",
    { class: "choices", "aria-describedby": "choice-error" },
    h("legend", {}, question),
    h(
      "div",
      { class: "numbers" },
      radios.map((radio) =>
        h("div", { class: "number" }, radio, h("label", { for: radio.id }, radio.value)),
      ),
    ),
    choiceError,
  );
  const approve = h("button", { type: "submit", class: "primary big" }, t("action.approve"));
  const form = h("form", { novalidate: true }, choices, approve);

  const decline = h("button", { type: "button", class: "secondary big" }, t("action.decline"));
  const notMe = h("button", { type: "button", class: "danger big" }, t("action.notMe"));
  const refuse = h(
    "div",
    { class: "refuse", role: "group", "aria-labelledby": "refuse-title" },
    h("h3", { id: "refuse-title" }, t("approval.refuse.title")),
    decline,
    notMe,
  );

  const answer = async (
    button: HTMLButtonElement,
    decision: Parameters<typeof ctx.api.answer>[1],
  ) => {
    if (answering) return;
    answering = true;
    const finished = busy(button, ctx);
    for (const b of [approve, decline, notMe]) b.disabled = true;
    const result = await ctx.api.answer(approval.id, decision);
    if (result.ok) return outcomeScreen(ctx, result.body.status);
    const outcome = outcomeOf(result.problem);
    if (outcome) return outcomeScreen(ctx, outcome);
    answering = false;
    finished();
    for (const b of [approve, decline, notMe]) b.disabled = false;
    report(ctx, result.problem);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = radios.find((radio) => radio.checked);
    choiceError.hidden = chosen !== undefined;
    choiceError.textContent = chosen ? "" : t("error.choice");
    if (!chosen) return radios[0]?.focus();
    void answer(approve, { decision: "approve", number: Number(chosen.value) });
  });
  decline.addEventListener("click", () => void answer(decline, { decision: "decline" }));
  notMe.addEventListener("click", () => void answer(notMe, { decision: "not_me" }));

  ctx.showScreen(
    h(
      "section",
      { class: "screen approval" },
      h("h2", {}, t("approval.title", { agency: approval.agency })),
      details,
      form,
      refuse,
    ),
    { section: null },
  );
  ctx.everySecond(() => {
    left.textContent = ctx.countdown(approval.expiresAt);
    if (!answering && ctx.now() >= approval.expiresAt) outcomeScreen(ctx, "approval_expired");
  });
  // Answered on another device, or expired at the server: nothing left to answer here. The
  // removal names the inbox item, which may have an id of its own.
  const ids = new Set([approval.id]);
  for (const item of feed.items()) {
    if (item.kind === "approval" && item.approval.id === approval.id) ids.add(item.id);
  }
  ctx.onLeave(
    feed.subscribe((event) => {
      if (event.kind === "removed" && ids.has(event.id) && !answering) {
        outcomeScreen(ctx, "gone");
      }
    }),
  );
}
