/**
 * The OpenAPI 3.1 description of the login API, generated from the same zod schemas that
 * validate requests: schemas registered with `.meta({ id })` become components, so the
 * document cannot drift from what the handlers accept.
 */
import { z } from "zod";
import { PROBLEMS } from "../errors.ts";
import { LoginCreated, LoginStatus } from "../login/login-schemas.ts";
// Importing the schemas registers them (with their ids) in zod's global registry.
import {
  Authenticated,
  GetPinAccepted,
  GetPinRequest,
  VerifyPinRequest,
} from "../methods/pin/pin-schemas.ts";

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
    triesLeft: z.number().int().optional().describe("Tries left on this PIN, for invalid_pin"),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${schema.meta()?.id}` });
const json = (schema: z.ZodType) => ({ "application/json": { schema: ref(schema) } });
const problems = (...codes: (keyof typeof PROBLEMS)[]) =>
  Object.fromEntries(
    [...new Set(codes.map((code) => PROBLEMS[code].status))].map((status) => [
      String(status),
      {
        description: codes.filter((code) => PROBLEMS[code].status === status).join(", "),
        content: { "application/problem+json": { schema: ref(ProblemDetails) } },
      },
    ]),
  );
const loginId = {
  name: "loginId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};

export function openApiDocument(issuer: string) {
  // Every schema registered with `.meta({ id })` becomes a component; references between
  // them point into components rather than into per-schema $defs.
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _, $id: __, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Llave login API",
      version: "0.1.0",
      description:
        "Login transactions and the one-time PIN method. Errors are RFC 9457 problems with a stable `type` (urn:llave:problem:<code>).",
    },
    servers: [{ url: issuer }],
    paths: {
      "/api/logins": {
        post: {
          operationId: "startLogin",
          summary: "Start a login transaction",
          responses: { "201": { description: "Started", content: json(LoginCreated) } },
        },
      },
      "/api/logins/{loginId}": {
        get: {
          operationId: "getLogin",
          summary: "Where a login transaction stands",
          parameters: [loginId],
          responses: {
            "200": { description: "The transaction", content: json(LoginStatus) },
            ...problems("login_not_found", "login_expired"),
          },
        },
      },
      "/api/logins/{loginId}/pin": {
        post: {
          operationId: "getPin",
          summary: "Get PIN: send a one-time PIN to the citizen",
          description:
            "The answer is the same whether or not the document and contrast datum match a registered citizen; only the citizen can tell, by receiving the PIN.",
          parameters: [loginId],
          requestBody: { required: true, content: json(GetPinRequest) },
          responses: {
            "202": {
              description: "Accepted (identical for unknown citizens)",
              content: json(GetPinAccepted),
            },
            ...problems(
              "invalid_request",
              "invalid_document",
              "invalid_contrast_datum",
              "invalid_personal_code",
              "login_not_found",
              "login_expired",
              "already_authenticated",
              "too_many_pin_requests",
              "resend_cooldown",
              "sms_fallback_not_yet",
              "channel_unavailable",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/api/logins/{loginId}/pin/verify": {
        post: {
          operationId: "verifyPin",
          summary: "Check the PIN and authenticate the transaction",
          parameters: [loginId],
          requestBody: { required: true, content: json(VerifyPinRequest) },
          responses: {
            "200": { description: "Authenticated", content: json(Authenticated) },
            ...problems(
              "invalid_request",
              "invalid_pin",
              "pin_expired",
              "pin_not_active",
              "pin_backoff",
              "pin_locked",
              "login_not_found",
              "login_expired",
              "already_authenticated",
              "no_pin_requested",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
    },
    components: { schemas: components },
  };
}
