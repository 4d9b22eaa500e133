/**
 * Choosing a password (after activation, or when the old one has expired): the new password,
 * its confirmation, and the policy's rules as a list that follows what is typed.
 *
 * The list is checked with the server's own structural rules (password-rules.ts), so what it
 * says met the server accepts, except what only the server knows (the list of common
 * passwords, the citizen's names, and the document number when the page was reloaded): those
 * rules are listed without a state. The
 * list updates on every keystroke but is announced (its own polite status, since the list is
 * on screen already) only after a pause in typing, and only when what it says has changed. The server's `weak_password` reasons go on the field.
 */
import { parseDocument } from "../../../worker/src/identity/documents.ts";
import {
  type PasswordReason,
  structuralProblems,
} from "../../../worker/src/methods/password/password-rules.ts";
import type { MessageKey } from "../i18n/catalog.ts";
import type { ApiResult, Problem } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import { field, revealToggle } from "./field.ts";
import { busy } from "./problems.ts";

/** How long typing must pause before the rules' state is announced. */
const ANNOUNCE_AFTER_MS = 1500;

type Rule = { key: MessageKey; reasons: PasswordReason[] };

/**
 * The rules each policy lists, in the order shown (docs/password.md "Passwords"). Both refuse
 * common passwords (password-policy.ts).
 */
const RULES: Record<"nist" | "clave", Rule[]> = {
  nist: [
    { key: "rule.length", reasons: ["too_short", "too_long"] },
    { key: "rule.common", reasons: ["common"] },
    { key: "rule.repetitive", reasons: ["repetitive"] },
    { key: "rule.contains_name", reasons: ["contains_name"] },
    { key: "rule.contains_document", reasons: ["contains_document"] },
  ],
  clave: [
    { key: "rule.length", reasons: ["too_short", "too_long"] },
    { key: "rule.groups", reasons: ["groups"] },
    { key: "rule.common", reasons: ["common"] },
    { key: "rule.contains_name", reasons: ["contains_name"] },
    { key: "rule.contains_document", reasons: ["contains_document"] },
  ],
};

const REASONS: Record<PasswordReason, MessageKey> = {
  too_short: "password.reason.too_short",
  too_long: "password.reason.too_long",
  common: "password.reason.common",
  contains_name: "password.reason.contains_name",
  contains_document: "password.reason.contains_document",
  repetitive: "password.reason.repetitive",
  groups: "password.reason.groups",
};

const isReason = (reason: string): reason is PasswordReason => reason in REASONS;

type RuleState = "met" | "pending" | "failed" | "unchecked";
const MARKS: Record<RuleState, string> = { met: "✓", pending: "○", failed: "✗", unchecked: "•" };

export type NewPassword = {
  nodes: HTMLElement[];
  /** The password, when it passes the checks made here; otherwise null, errors shown. */
  value(): string | null;
  /** The server refused it (`weak_password`): its reasons on the field and in the list. */
  refuse(reasons: string[]): void;
};

export function newPassword(ctx: AppContext, document: string | null): NewPassword {
  const { t, boot } = ctx;
  const { policy } = boot.password;
  const parsed = document === null ? null : parseDocument(document);
  const documentNumber = parsed?.ok ? parsed.document.number : null;
  const problems = (password: string) =>
    structuralProblems(password, policy, { names: [], documentNumber });
  const checkedHere = (rule: Rule) =>
    rule.key !== "rule.common" &&
    rule.key !== "rule.contains_name" &&
    (rule.key !== "rule.contains_document" || documentNumber !== null);
  const list = new Intl.ListFormat(boot.locale, { type: "conjunction" });
  const reasonText = (reason: PasswordReason) =>
    t(REASONS[reason], { length: reason === "too_long" ? policy.maxLength : policy.minLength });

  const items = RULES[policy.preset].map((rule) => {
    const mark = h("span", { class: "mark", "aria-hidden": "true" });
    const text = h("span", {});
    const state = h("span", { class: "visually-hidden" });
    return { rule, li: h("li", {}, mark, " ", text, state), mark, text, state };
  });
  const rules = h(
    "div",
    { id: "new-password-rules", class: "rules" },
    h("p", {}, t("rules.title")),
    h(
      "ul",
      {},
      items.map((item) => item.li),
    ),
  );

  const password = field(
    "new-password",
    t("newPassword.label"),
    null,
    { type: "password", autocomplete: "new-password", spellcheck: "false", required: true },
    [rules],
  );
  const confirm = field("confirm-password", t("confirmPassword.label"), null, {
    type: "password",
    autocomplete: "new-password",
    spellcheck: "false",
    required: true,
  });
  const reveal = revealToggle(t("password.show"), [password.input, confirm.input]);

  /** Shows each rule's state; `failed` marks the broken ones as refused rather than pending. */
  const render = (found: PasswordReason[], failed: boolean) => {
    const typed = password.input.value !== "";
    for (const item of items) {
      const broken = item.rule.reasons.some((reason) => found.includes(reason));
      const state: RuleState = broken
        ? failed
          ? "failed"
          : "pending"
        : !checkedHere(item.rule)
          ? "unchecked"
          : typed
            ? "met"
            : "pending";
      item.li.dataset.state = state;
      item.mark.textContent = MARKS[state];
      item.text.textContent =
        item.rule.key === "rule.length" && found.includes("too_long")
          ? t("rule.maxLength", { length: policy.maxLength })
          : t(item.rule.key, { length: policy.minLength });
      item.state.textContent = state === "unchecked" ? "" : ` (${t(`rule.${state}`)})`;
    }
  };

  // The list is already on screen; this says its state to screen readers, once typing pauses.
  const live = h("p", { class: "visually-hidden", role: "status" });
  const lowerFirst = (text: string) =>
    text.charAt(0).toLocaleLowerCase(boot.locale) + text.slice(1);
  let timer: number | undefined;
  let announced = "";
  password.input.addEventListener("input", () => {
    password.setError(null);
    const found = problems(password.input.value);
    render(found, false);
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      if (!rules.isConnected || password.input.value === "") return;
      const missing = items
        .filter((item) => item.li.dataset.state === "pending")
        .map((item) => lowerFirst(item.text.textContent ?? ""));
      const message =
        missing.length === 0
          ? t("rules.allMet")
          : t("rules.missing", { reason: list.format(missing) });
      if (message === announced) return;
      announced = message;
      live.textContent = message;
    }, ANNOUNCE_AFTER_MS);
  });
  confirm.input.addEventListener("input", () => confirm.setError(null));
  render([], false);

  const refuse = (reasons: PasswordReason[]) => {
    render(reasons, true);
    password.setError(t("error.weak_password", { reason: list.format(reasons.map(reasonText)) }));
  };

  // Whose password this is, for password managers to save it under (not shown, not sent).
  const username = documentNumber
    ? h("input", {
        type: "text",
        name: "username",
        autocomplete: "username",
        value: documentNumber,
        readonly: true,
        hidden: true,
      })
    : null;

  return {
    nodes: [username, password.root, confirm.root, reveal.button, live].filter(
      (node): node is HTMLElement => node !== null,
    ),
    value() {
      reveal.conceal();
      window.clearTimeout(timer);
      for (const f of [password, confirm]) f.setError(null);
      const value = password.input.value;
      const found = value === "" ? [] : problems(value);
      if (value === "") password.setError(t("error.required"));
      else if (found.length > 0) refuse(found);
      if (confirm.input.value === "") confirm.setError(t("error.required"));
      else if (confirm.input.value !== value) confirm.setError(t("error.password.mismatch"));
      const invalid = [password, confirm].find((f) => f.hasError());
      invalid?.input.focus();
      return invalid ? null : value;
    },
    refuse(reasons) {
      const known = reasons.filter(isReason);
      if (known.length > 0) refuse(known);
      else password.setError(t("error.unknown"));
      password.input.focus();
    },
  };
}

/**
 * A screen that asks for a new password (activation, or an expired one): its heading and
 * intro, the password and its confirmation, "Save". `save` sends it; a `weak_password`
 * refusal goes on the field, `saved` and `refused` take any other answer.
 */
export function newPasswordScreen<T>(
  ctx: AppContext,
  screen: {
    document: string | null;
    title: MessageKey;
    intro: MessageKey;
    save(password: string): Promise<ApiResult<T>>;
    saved(body: T): void;
    refused(problem: Problem): void;
  },
  options: { focus: boolean },
): void {
  const { t } = ctx;
  const password = newPassword(ctx, screen.document);
  const label = t("action.savePassword");
  const submit = h("button", { type: "submit", class: "primary" }, label);
  const form = h("form", { novalidate: true }, password.nodes, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = password.value();
    if (value === null) return;
    const done = busy(submit, ctx, label);
    const result = await screen.save(value);
    done();
    if (result.ok) return screen.saved(result.body);
    if (result.problem.code === "weak_password")
      return password.refuse(result.problem.reasons ?? []);
    screen.refused(result.problem);
  });
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t(screen.title)),
      h("p", {}, t(screen.intro)),
      form,
    ),
    options,
  );
}
