/** The public error type: codes narrow, RFC fields are typed, messages carry no secrets. */
import { describe, expect, expectTypeOf, it } from "vitest";
import { isLlaveError, LlaveError, type LlaveErrorCode, oauthError } from "./errors.ts";

describe("LlaveError", () => {
  it("narrows on code in a switch the compiler checks for exhaustiveness", () => {
    const describe = (error: LlaveError): string => {
      switch (error.code) {
        case "oauth_error":
          expectTypeOf(error.code).toEqualTypeOf<"oauth_error">();
          return error.error ?? "";
        case "problem":
          return error.problemCode ?? "";
        case "invalid_state":
        case "missing_iss":
        case "iss_mismatch":
        case "id_token_invalid":
        case "nonce_mismatch":
        case "acr_not_met":
        case "discovery_failed":
        case "jwks_failed":
        case "access_token_invalid":
        case "invalid_response":
        case "network_error":
        case "invalid_session":
        case "invalid_configuration":
          return error.code;
        default: {
          const unreachable: never = error.code;
          return unreachable;
        }
      }
    };
    expect(describe(oauthError({ error: "access_denied" }))).toBe("access_denied");
  });

  it("isLlaveError narrows the code and the class", () => {
    const value: unknown = new LlaveError("acr_not_met", "below");
    if (isLlaveError(value, "acr_not_met")) {
      expectTypeOf(value).toEqualTypeOf<LlaveError<"acr_not_met">>();
      expectTypeOf(value.code).toEqualTypeOf<"acr_not_met">();
    }
    if (isLlaveError(value)) expectTypeOf(value.code).toEqualTypeOf<LlaveErrorCode>();
    expect(isLlaveError(value, "acr_not_met")).toBe(true);
    expect(isLlaveError(value, "missing_iss")).toBe(false);
    expect(isLlaveError(new Error("x"))).toBe(false);
  });

  it("types the RFC fields and refuses unknown codes", () => {
    expectTypeOf<LlaveError["error"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LlaveError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<LlaveError["type"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error: not a code of the union
    expect(new LlaveError("no_such_code", "x").code).toBe("no_such_code");
  });

  it("copies the OAuth error onto the error", () => {
    const error = oauthError({ error: "invalid_grant", error_description: "used" }, 400);
    expect(error).toMatchObject({
      name: "LlaveError",
      code: "oauth_error",
      error: "invalid_grant",
      errorDescription: "used",
      status: 400,
      message: "invalid_grant: used",
    });
    expect(error).toBeInstanceOf(Error);
  });
});
