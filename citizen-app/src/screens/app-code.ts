/**
 * The app code's two screens (../app-code.ts): choosing it after activation (typed twice), and
 * unlocking with it. The fifth wrong code in a row forgets the device key.
 */

import type { Citizen } from "../api.ts";
import { APP_CODE, setAppCode, unlock } from "../app-code.ts";
import type { AppContext } from "../context.ts";
import { field, h } from "../dom.ts";
import { busy } from "../problems.ts";

/** Codes anyone would try first: one digit repeated, or a run up or down. */
const obvious = (code: string): boolean =>
  /^(\d)\1+$/.test(code) || "01234567890".includes(code) || "09876543210".includes(code);

const codeAttributes = {
  type: "password",
  inputmode: "numeric",
  autocomplete: "off",
  maxlength: 6,
  required: true,
} as const;

export function chooseAppCode(ctx: AppContext, done: () => void, notice: string | null): void {
  const { t } = ctx;
  const code = field(
    "app-code",
    t("appCode.choose.label"),
    t("appCode.choose.hint"),
    codeAttributes,
  );
  const again = field("app-code-again", t("appCode.repeat.label"), null, codeAttributes);
  const submit = h("button", { type: "submit", class: "primary" }, t("action.saveCode"));
  const form = h("form", { novalidate: true }, code.root, again.root, submit);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = code.input.value;
    code.setError(
      !APP_CODE.test(value)
        ? t("error.appCode.format")
        : obvious(value)
          ? t("error.appCode.obvious")
          : null,
    );
    again.setError(
      !code.hasError() && again.input.value !== value ? t("error.appCode.match") : null,
    );
    const invalid = [code, again].find((f) => f.hasError());
    if (invalid) return invalid.input.focus();
    const finished = busy(submit, ctx);
    await setAppCode(value);
    finished();
    done();
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("appCode.choose.title")),
      notice ? h("p", { class: "notice" }, notice) : null,
      h("p", {}, t("appCode.choose.intro")),
      form,
    ),
    { section: null },
  );
}

/** `lockedOut`: the last try failed; the caller forgets the key. */
export function unlockScreen(
  ctx: AppContext,
  citizen: Citizen,
  ends: { unlocked(): void; lockedOut(): void; missing(): void },
): void {
  const { t } = ctx;
  const code = field("app-code", t("appCode.unlock.label"), null, codeAttributes);
  const submit = h("button", { type: "submit", class: "primary" }, t("action.unlock"));
  const form = h("form", { novalidate: true }, code.root, submit);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!APP_CODE.test(code.input.value)) {
      code.setError(t("error.appCode.format"));
      return code.input.focus();
    }
    const finished = busy(submit, ctx);
    const result = await unlock(code.input.value);
    finished();
    code.input.value = "";
    if (result.kind === "unlocked") return ends.unlocked();
    if (result.kind === "missing") return ends.missing();
    if (result.triesLeft === 0) return ends.lockedOut();
    code.setError(
      result.triesLeft === 1
        ? t("error.appCode.wrong.last")
        : t("error.appCode.wrong", { tries: result.triesLeft }),
    );
    code.input.focus();
  });

  ctx.showScreen(
    h(
      "section",
      { class: "screen" },
      h("h2", {}, t("appCode.unlock.title")),
      h(
        "p",
        { class: "note" },
        t("appCode.unlock.who", {
          name: `${citizen.givenName} ${citizen.familyName}`,
          document: citizen.document,
        }),
      ),
      form,
    ),
    { section: null },
  );
  code.input.focus();
}
