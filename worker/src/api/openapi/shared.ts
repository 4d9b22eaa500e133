/**
 * What every area of the OpenAPI document shares: the problem document of our own APIs, and
 * references to components (zod schemas registered with `.meta({ id })`).
 */
import * as z from "zod";
import { PROBLEMS } from "../../errors.ts";

export type ProblemCode = keyof typeof PROBLEMS;

export const ProblemDetails = z
  .object({
    type: z.string().describe("urn:llave:problem:<code>"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.enum(Object.keys(PROBLEMS) as [keyof typeof PROBLEMS, ...(keyof typeof PROBLEMS)[]]),
    retryAfter: z.number().int().optional().describe("Seconds to wait, for 429 answers"),
    reason: z
      .string()
      .optional()
      .describe("For invalid_document and invalid_contrast_datum: which rule failed"),
    triesLeft: z
      .number()
      .int()
      .optional()
      .describe("Tries left, for invalid_pin, invalid_otp and invalid_credentials"),
    reasons: z
      .array(z.string())
      .optional()
      .describe("For weak_password: every rule the password breaks (docs/password.md)"),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

export const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${schema.meta()?.id}` });
export const json = (schema: z.ZodType) => ({ "application/json": { schema: ref(schema) } });
export const problems = (...codes: ProblemCode[]) =>
  Object.fromEntries(
    [...new Set(codes.map((code) => PROBLEMS[code].status))].map((status) => [
      String(status),
      {
        description: codes.filter((code) => PROBLEMS[code].status === status).join(", "),
        content: { "application/problem+json": { schema: ref(ProblemDetails) } },
      },
    ]),
  );

/** The `{loginId}` path parameter of the login API and the login page. */
export const loginId = {
  name: "loginId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};
