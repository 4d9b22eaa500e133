/**
 * The fields that say who the citizen is, shared by every method that asks: the document
 * number (DNI, NIE or codice fiscale, recognised as it is typed) and the contrast datum that
 * document type asks for (DNI validity or, for a permanent DNI, issue date; NIE support number;
 * Italian health card expiry).
 *
 * The same parser as the server checks the document before it is sent, so the citizen gets
 * the precise error at once; the server's answer is the authority either way.
 */
import type { ContrastKind } from "../../../worker/src/identity/contrast-datum.ts";
import { type DocumentType, parseDocument } from "../../../worker/src/identity/documents.ts";
import {
  contrastKindAsked,
  contrastReasonKey,
  documentReasonKey,
  guessDocumentType,
} from "../../../worker/src/identity/typing-hints.ts";
import type { AppContext } from "./context.ts";
import { h, show } from "./dom.ts";
import { type Field, field, setHint } from "./field.ts";

export type ContrastDatum = { kind: string; value: string };

/** The message for an `invalid_document` reason (the parser's or the server's code). */
export const documentError = (ctx: AppContext, reason: string | undefined): string =>
  ctx.t("error.document", {
    reason: ctx.t(documentReasonKey(reason)),
  });

/** The message for an `invalid_contrast_datum` reason. */
export const contrastError = (ctx: AppContext, reason: string | undefined): string =>
  ctx.t("error.contrast", {
    reason: ctx.t(contrastReasonKey(reason)),
  });

export type DocumentFields = {
  field: Field;
  /** The field and the polite "document recognised" line under it. */
  nodes: HTMLElement[];
  type(): DocumentType | null;
  /** Checks the number with the server's parser; sets the field's error, true when valid. */
  check(): boolean;
};

export function documentFields(ctx: AppContext, value: string): DocumentFields {
  const { t } = ctx;
  const documentField = field("document", t("document.label"), t("document.hint"), {
    autocomplete: "username",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 64,
    required: true,
    value,
  });
  const detected = h("p", { class: "detected", "aria-live": "polite" });
  const update = () => {
    const type = guessDocumentType(documentField.input.value);
    detected.textContent = type ? t("document.detected", { type: t(`document.type.${type}`) }) : "";
  };
  documentField.input.addEventListener("input", update);
  update();
  return {
    field: documentField,
    nodes: [documentField.root, detected],
    type: () => guessDocumentType(documentField.input.value),
    check() {
      const parsed = parseDocument(documentField.input.value);
      documentField.setError(parsed.ok ? null : documentError(ctx, parsed.error.code));
      return parsed.ok;
    },
  };
}

export type ContrastFields = {
  field: Field;
  /** The field and the "my DNI is permanent" check box. */
  nodes: HTMLElement[];
  /** Checks that it is filled in; sets the field's error, true when filled in. */
  check(): boolean;
  datum(): ContrastDatum;
};

/** The contrast datum for the document typed in `doc`, following it as it changes. */
export function contrastFields(
  ctx: AppContext,
  doc: DocumentFields,
  previous?: ContrastDatum,
): ContrastFields {
  const { t } = ctx;
  const contrast = field("contrast", t("contrast.dni_validity"), t("contrast.dni_validity.hint"), {
    type: "date",
    required: true,
  });
  const permanent = h("input", { type: "checkbox", id: "permanent", name: "permanent" });
  permanent.checked = previous?.kind === "dni_issue";
  const permanentRow = h(
    "div",
    { class: "check" },
    permanent,
    h("label", { for: "permanent" }, t("contrast.permanent")),
  );

  let kind: ContrastKind = "dni_validity";
  const update = () => {
    const type = doc.type();
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
  doc.field.input.addEventListener("input", update);
  permanent.addEventListener("change", update);
  update();
  // After the type is settled: a date input would drop a NIE support number.
  contrast.input.value = previous?.value ?? "";

  return {
    field: contrast,
    nodes: [contrast.root, permanentRow],
    check() {
      const empty = contrast.input.value.trim() === "";
      contrast.setError(empty ? t("error.required") : null);
      return !empty;
    },
    datum: () => ({ kind, value: contrast.input.value.trim() }),
  };
}
