/**
 * Activating a permanent password with an activation code (docs/password.md), in four screens:
 *
 *  1. the data — document number and contrast datum (the PIN's fields) and the 16-character
 *     activation code, shown in groups of four as it is typed;
 *  2. the SMS code (./password-code.ts), which goes out only when all three match; the server
 *     never says whether they did, and neither does the screen;
 *  3. the password (./new-password.ts);
 *  4. done — when the password expires, and a button to log in with it.
 *
 * A blocked password is unblocked the same way, with a new activation code.
 */
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import { field } from "./field.ts";
import {
  type ContrastDatum,
  contrastError,
  contrastFields,
  documentError,
  documentFields,
} from "./identity-fields.ts";
import { newPasswordScreen } from "./new-password.ts";
import { codeScreen } from "./password-code.ts";
import { busy, report, withError } from "./problems.ts";

/** The activation code's alphabet: no 0, O, 1, I or L, which read alike. */
const ACTIVATION_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{16}$/;

/** Upper case, only letters and digits, at most 16: what the citizen meant to type. */
const compact = (raw: string) =>
  raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .slice(0, 16);
const grouped = (code: string) => code.match(/.{1,4}/g)?.join("-") ?? "";

export type ActivationData = { document: string; contrast: ContrastDatum; activationCode: string };
/** What to fill in again: all of it when going back, the document when coming from login. */
type Previous = Pick<ActivationData, "document"> & Partial<ActivationData>;

/** Where activation leads: the password login screen, with the document filled in. */
export type LogIn = (document: string | null) => void;

/**
 * Keeps the code in groups of four as it is typed or pasted, the caret after the same
 * character it followed before.
 */
function groupAsTyped(input: HTMLInputElement): void {
  input.addEventListener("input", () => {
    const caret = input.selectionStart ?? input.value.length;
    const before = compact(input.value.slice(0, caret)).length;
    const value = grouped(compact(input.value));
    if (value === input.value) return;
    input.value = value;
    let position = 0;
    for (let seen = 0; position < value.length && seen < before; position++) {
      if (value[position] !== "-") seen++;
    }
    input.setSelectionRange(position, position);
  });
}

export function activate(
  ctx: AppContext,
  logIn: LogIn,
  options: { focus: boolean },
  previous?: Previous,
): void {
  const { t } = ctx;
  const doc = documentFields(ctx, previous?.document || ctx.boot.loginHint || "");
  const contrast = contrastFields(ctx, doc, previous?.contrast);
  const code = field("activation-code", t("activation.code.label"), t("activation.code.hint"), {
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    required: true,
    value: grouped(previous?.activationCode ?? ""),
  });
  groupAsTyped(code.input);
  const label = t("action.continue");
  const submit = h("button", { type: "submit", class: "primary" }, label);
  const back = h("button", { type: "button", class: "link" }, t("action.backToPassword"));
  back.addEventListener("click", () => logIn(doc.field.input.value || null));
  const form = h("form", { novalidate: true }, doc.nodes, contrast.nodes, code.root, submit);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    doc.check();
    contrast.check();
    const activationCode = compact(code.input.value);
    code.setError(
      activationCode === ""
        ? t("error.required")
        : ACTIVATION_CODE.test(activationCode)
          ? null
          : t("error.invalid_activation_code"),
    );
    const invalid = [doc.field, contrast.field, code].find((f) => f.hasError());
    if (invalid) return invalid.input.focus();

    const data = { document: doc.field.input.value, contrast: contrast.datum(), activationCode };
    const done = busy(submit, ctx, label);
    const result = await ctx.api.startActivation(data);
    done();
    if (result.ok) {
      return codeScreen(
        ctx,
        {
          purpose: "activation",
          sent: result.body,
          mobileHint: result.body.mobileHint,
          back: () => activate(ctx, logIn, { focus: true }, data),
          verified: () => choosePassword(ctx, logIn, data.document, { focus: true }),
        },
        { focus: true },
      );
    }
    const { problem } = result;
    if (problem.code === "invalid_document") {
      return report(ctx, problem, withError(doc.field, documentError(ctx, problem.reason)));
    }
    if (problem.code === "invalid_contrast_datum") {
      return report(ctx, problem, withError(contrast.field, contrastError(ctx, problem.reason)));
    }
    report(ctx, problem, problem.code === "invalid_activation_code" ? code : null);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("activation.title")),
      h("p", {}, t("activation.intro")),
      form,
      back,
    ),
    options,
  );
}

/** Screen 3: the code was right; `document` is null after a reload (then unknown here). */
export function choosePassword(
  ctx: AppContext,
  logIn: LogIn,
  document: string | null,
  options: { focus: boolean },
): void {
  newPasswordScreen(
    ctx,
    {
      document,
      title: "choose.title",
      intro: "choose.intro",
      save: (password) => ctx.api.setActivationPassword(password),
      saved: (body) => activated(ctx, logIn, document, body.expiresAt),
      refused(problem) {
        // Used, expired or replaced meanwhile: nothing on this screen can help any more.
        if (problem.code === "activation_code_invalid") activate(ctx, logIn, { focus: true });
        report(ctx, problem, null);
      },
    },
    options,
  );
}

/** Screen 4: the password is set; the login itself starts again from the password screen. */
function activated(
  ctx: AppContext,
  logIn: LogIn,
  document: string | null,
  expiresAt: number | string,
): void {
  const { t } = ctx;
  let at = typeof expiresAt === "number" ? expiresAt : Date.parse(expiresAt);
  if (Number.isNaN(at)) at = ctx.now() + ctx.boot.password.validityDays * 86_400_000;
  const button = h("button", { type: "button", class: "primary" }, t("action.logInWithPassword"));
  button.addEventListener("click", () => logIn(document));
  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("activated.title")),
      h("p", {}, t("activated.text", { time: ctx.date(at) })),
      button,
    ),
  );
}
