/**
 * A labelled form field with its hint and its error, tied together for assistive technology:
 * the input is described by the hint and, when there is one, the error (`aria-describedby`),
 * and marked `aria-invalid` while the error stands.
 */
import { h } from "./dom.ts";

export type Field = {
  root: HTMLElement;
  input: HTMLInputElement;
  label: HTMLLabelElement;
  hint: HTMLElement;
  setError(message: string | null): void;
  hasError(): boolean;
};

/**
 * `after`: shown below the error (a show-password toggle, a list of rules); the ones with an
 * id also describe the input.
 */
export function field(
  id: string,
  label: string,
  hint: string | null,
  attributes: Record<string, string | number | boolean> = {},
  after: HTMLElement[] = [],
): Field {
  const input = h("input", { id, name: id, ...attributes });
  const labelElement = h("label", { for: id }, label);
  const hintElement = h("p", { id: `${id}-hint`, class: "hint" }, hint ?? "");
  hintElement.hidden = hint === null;
  const error = h("p", { id: `${id}-error`, class: "field-error", hidden: true });
  const describe = () => {
    const ids = [hintElement.hidden ? null : hintElement.id, error.hidden ? null : error.id];
    for (const extra of after) if (extra.id && !extra.hidden) ids.push(extra.id);
    input.setAttribute("aria-describedby", ids.filter(Boolean).join(" "));
  };
  describe();
  return {
    root: h("div", { class: "field" }, labelElement, hintElement, input, error, after),
    input,
    label: labelElement,
    hint: hintElement,
    setError(message) {
      error.textContent = message ?? "";
      error.hidden = message === null;
      if (message === null) input.removeAttribute("aria-invalid");
      else input.setAttribute("aria-invalid", "true");
      describe();
    },
    hasError: () => !error.hidden,
  };
}

/** Sets a field's hint text (hidden when null) and keeps its description in step. */
export function setHint(f: Field, hint: string | null): void {
  f.hint.textContent = hint ?? "";
  f.hint.hidden = hint === null;
  f.setError(f.hasError() ? (f.root.querySelector(".field-error")?.textContent ?? null) : null);
}

/**
 * A toggle button that shows or hides the typed password of `inputs` (`aria-pressed`).
 * `conceal` hides them again before the form is sent, so the browser does not keep a password
 * shown as text in its history of typed values.
 */
export function revealToggle(
  label: string,
  inputs: HTMLInputElement[],
): { button: HTMLButtonElement; conceal(): void } {
  const button = h(
    "button",
    {
      type: "button",
      class: "reveal",
      "aria-pressed": "false",
      "aria-controls": inputs.map((input) => input.id).join(" "),
    },
    label,
  );
  const set = (shown: boolean) => {
    button.setAttribute("aria-pressed", String(shown));
    for (const input of inputs) input.type = shown ? "text" : "password";
  };
  button.addEventListener("click", () => set(button.getAttribute("aria-pressed") !== "true"));
  return { button, conceal: () => set(false) };
}
