import { describe, expect, it } from "vitest";
import {
  contrastKindAsked,
  contrastReasonKey,
  documentReasonKey,
  guessDocumentType,
} from "./typing-hints.ts";

describe("typing hints", () => {
  it("recognises the document type from the first characters", () => {
    expect(guessDocumentType("1234")).toBe("DNI");
    expect(guessDocumentType(" x-12")).toBe("NIE");
    expect(guessDocumentType("rss")).toBe("CF");
    expect(guessDocumentType("X")).toBeNull();
    expect(guessDocumentType("")).toBeNull();
  });

  it("explains each refusal with its own message, and anything else as a format error", () => {
    expect(documentReasonKey("dni_control_letter")).toBe("error.document.control");
    expect(documentReasonKey("empty")).toBe("error.document.empty");
    expect(documentReasonKey("what")).toBe("error.document.format");
    expect(documentReasonKey(undefined)).toBe("error.document.format");
    expect(contrastReasonKey("dni_permanent")).toBe("error.contrast.permanent");
    expect(contrastReasonKey("toString")).toBe("error.contrast.date");
  });

  it("asks for the contrast datum the document type takes", () => {
    expect(contrastKindAsked("DNI", false)).toBe("dni_validity");
    expect(contrastKindAsked("DNI", true)).toBe("dni_issue");
    expect(contrastKindAsked(null, true)).toBe("dni_issue");
    expect(contrastKindAsked("NIE", true)).toBe("nie_support");
    expect(contrastKindAsked("CF", false)).toBe("cf_card_expiry");
  });
});
