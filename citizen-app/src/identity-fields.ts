/**
 * The document number and the contrast datum, asked at activation as the login app asks them
 * (web-widget/src/login-app/identity-fields.ts): the document type is recognised as it is
 * typed, the contrast field follows it (DNI validity or, for a permanent DNI, issue date; NIE
 * support number; Italian health card expiry), and the server's own parser checks the number
 * before it is sent. The server's answer is the authority either way.
 */
import type { ContrastKind } from "../../worker/src/identity/contrast-datum.ts";
import { parseDocument } from "../../worker/src/identity/documents.ts";
import {
  contrastKindAsked,
  contrastReasonKey,
  documentReasonKey,
  guessDocumentType,
} from "../../worker/src/identity/typing-hints.ts";
import type { ContrastDatum } from "./api.ts";
import type { AppContext } from "./context.ts";
import { type Field, field, h, setHint, show } from "./dom.ts";

export const documentError = (ctx: AppContext, reason: string | undefined): string =>
  ctx.t("error.document", {
    reason: ctx.t(documentReasonKey(reason)),
  });

export const contrastError = (ctx: AppContext, reason: string | undefined): string =>
  ctx.t("error.contrast", {
    reason: ctx.t(contrastReasonKey(reason)),
  });

export type IdentityFields = {
  document: Field;
  contrast: Field;
  nodes: HTMLElement[];
  /** Checks both fields; sets their errors and returns the first one in error, or null. */
  check(): Field | null;
  datum(): ContrastDatum;
};

export function identityFields(
  ctx: AppContext,
  previous?: { document: string } & {
    contrast: ContrastDatum;
  },
): IdentityFields {
  const { t } = ctx;
  const document = field("document", t("document.label"), t("document.hint"), {
    autocomplete: "username",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 64,
    required: true,
    value: previous?.document ?? "",
  });
  const detected = h("p", { class: "detected", "aria-live": "polite" });
  const contrast = field("contrast", t("contrast.dni_validity"), t("contrast.dni_validity.hint"), {
    type: "date",
    required: true,
  });
  const permanent = h("input", { type: "checkbox", id: "permanent", name: "permanent" });
  permanent.checked = previous?.contrast.kind === "dni_issue";
  const permanentRow = h(
    "div",
    { class: "check" },
    permanent,
    h("label", { for: "permanent" }, t("contrast.permanent")),
  );

  let kind: ContrastKind = "dni_validity";
  const update = () => {
    const type = guessDocumentType(document.input.value);
    detected.textContent = type ? t("document.detected", { type: t(`document.type.${type}`) }) : "";
    kind = contrastKindAsked(type, permanent.checked);
    contrast.label.textContent = t(`contrast.${kind}`);
    setHint(contrast, t(`contrast.${kind}.hint`));
    const wantsDate = kind !== "nie_support";
    if ((contrast.input.type === "date") !== wantsDate) {
      contrast.input.value = "";
      contrast.input.type = wantsDate ? "date" : "text";
    }
    contrast.input.autocapitalize = wantsDate ? "off" : "characters";
    show(permanentRow, type === null || type === "DNI");
  };
  document.input.addEventListener("input", update);
  permanent.addEventListener("change", update);
  update();
  // After the type is settled: a date input would drop a NIE support number.
  contrast.input.value = previous?.contrast.value ?? "";

  return {
    document,
    contrast,
    nodes: [document.root, detected, contrast.root, permanentRow],
    check() {
      const parsed = parseDocument(document.input.value);
      document.setError(parsed.ok ? null : documentError(ctx, parsed.error.code));
      const empty = contrast.input.value.trim() === "";
      contrast.setError(empty ? t("error.required") : null);
      return [document, contrast].find((f) => f.hasError()) ?? null;
    },
    datum: () => ({ kind, value: contrast.input.value.trim() }),
  };
}
