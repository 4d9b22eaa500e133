/**
 * The permanent password method (docs/password.md). Its screens:
 *
 *  - log in: document number and password; links to activation (./password-activation.ts),
 *    which is also how a blocked password is unblocked;
 *  - the SMS code (./password-code.ts) when the service needs `substantial`: after the
 *    password, or for a `low` session, which starts the login at that step;
 *  - a new password when the old one has expired (./new-password.ts).
 *
 * A reload resumes at the step the login is at (the boot's `step`).
 */
import type { OtpSent, PasswordAnswer } from "./api.ts";
import type { AppContext } from "./context.ts";
import { h } from "./dom.ts";
import { field, revealToggle } from "./field.ts";
import { documentError, documentFields } from "./identity-fields.ts";
import { basicCannotNote, otherMethodLink } from "./level-note.ts";
import { newPasswordScreen } from "./new-password.ts";
import { activate, choosePassword, type LogIn } from "./password-activation.ts";
import { codeScreen, sentAt } from "./password-code.ts";
import { busy, report, withError } from "./problems.ts";

export function startPassword(ctx: AppContext, options: { focus: boolean }): void {
  const { step } = ctx.boot;
  const logIn = (document: string | null) => logInScreen(ctx, { focus: true }, document);
  if (step.kind === "change_required") changeScreen(ctx, null, options);
  else if (step.kind === "second_factor") {
    const sent = step.otp ? sentAt(ctx, step.otp.sentAt, step.mobileHint) : null;
    stepUp(ctx, sent, step.mobileHint, options);
  } else if (step.kind === "activation_otp") {
    codeScreen(
      ctx,
      {
        purpose: "activation",
        sent: sentAt(ctx, step.sentAt, null),
        mobileHint: null,
        back: () => activate(ctx, logIn, { focus: true }),
        verified: () => choosePassword(ctx, logIn, null, { focus: true }),
      },
      options,
    );
  } else if (step.kind === "choose_password") choosePassword(ctx, logIn, null, options);
  else logInScreen(ctx, options, null);
}

/** `sent` null: the code is not sent yet (a `low` session that needs more). */
function stepUp(
  ctx: AppContext,
  sent: OtpSent | null,
  mobileHint: string | null,
  options: { focus: boolean },
): void {
  codeScreen(
    ctx,
    {
      purpose: "step_up",
      sent,
      mobileHint: sent?.mobileHint ?? mobileHint,
      verified: () => ctx.finish(),
    },
    options,
  );
}

/** Where a correct password (or a new one replacing an expired one) leads. */
function answered(ctx: AppContext, answer: PasswordAnswer, document: string | null): void {
  if (answer.status === "authenticated") {
    ctx.announce(ctx.t("status.verified"));
    ctx.finish();
  } else if (answer.status === "change_required") changeScreen(ctx, document, { focus: true });
  else stepUp(ctx, answer, answer.mobileHint, { focus: true });
}

function logInScreen(ctx: AppContext, options: { focus: boolean }, document: string | null): void {
  const { t } = ctx;
  const doc = documentFields(ctx, document ?? ctx.boot.loginHint ?? "");
  const password = field("password", t("password.label"), null, {
    type: "password",
    autocomplete: "current-password",
    spellcheck: "false",
    required: true,
  });
  const reveal = revealToggle(t("password.show"), [password.input]);
  password.root.append(reveal.button);
  const label = t("action.verify");
  const submit = h("button", { type: "submit", class: "primary" }, label);
  const form = h("form", { novalidate: true }, doc.nodes, password.root, submit);
  const activation = h("button", { type: "button", class: "link" }, t("password.activate"));
  const again: LogIn = (typed) => logInScreen(ctx, { focus: true }, typed);
  activation.addEventListener("click", () =>
    activate(ctx, again, { focus: true }, { document: doc.field.input.value }),
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    reveal.conceal();
    doc.check();
    password.setError(password.input.value === "" ? t("error.required") : null);
    const invalid = [doc.field, password].find((f) => f.hasError());
    if (invalid) return invalid.input.focus();

    const typed = doc.field.input.value;
    const done = busy(submit, ctx, label);
    const result = await ctx.api.logInWithPassword(typed, password.input.value);
    if (result.ok) {
      if (result.body.status === "authenticated") submit.textContent = t("status.verified");
      else done();
      return answered(ctx, result.body, typed);
    }
    done();
    const { problem } = result;
    if (problem.code === "otp_send_limit") {
      // The password was right, but no code could go out: the step-up screen, with "send
      // code" for later and the app's code, and the truth about when.
      stepUp(ctx, null, null, { focus: true });
      return report(ctx, problem, null);
    }
    if (problem.code === "invalid_document") {
      return report(ctx, problem, withError(doc.field, documentError(ctx, problem.reason)));
    }
    if (problem.code === "invalid_credentials") password.input.value = "";
    report(ctx, problem, problem.code === "invalid_credentials" ? password : null);
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("password.title")),
      basicCannotNote(ctx),
      form,
      activation,
      h("p", { class: "note" }, t("password.blockedNote")),
      otherMethodLink(ctx),
    ),
    options,
  );
}

/** The password was right but has expired: a new one now, then the login goes on. */
function changeScreen(ctx: AppContext, document: string | null, options: { focus: boolean }): void {
  newPasswordScreen(
    ctx,
    {
      document,
      title: "change.title",
      intro: "change.intro",
      save: (password) => ctx.api.changePassword(password),
      saved: (body) => answered(ctx, body, document),
      refused: (problem) => report(ctx, problem, null),
    },
    options,
  );
}
