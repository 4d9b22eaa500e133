/**
 * The OpenAPI 3.1 description of the login API and the admin API, generated from the same zod
 * schemas that validate requests: schemas registered with `.meta({ id })` become components,
 * so the document cannot drift from what the handlers accept.
 */
import { z } from "zod";
import {
  CLIENT_ID,
  ClientList,
  ClientPatchRequest,
  ClientSaved,
  ClientView,
  NewClientRequest,
  RotateSecretRequest,
  SecretRotated,
} from "../admin/admin-schemas.ts";
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

const clientId = {
  name: "clientId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: CLIENT_ID.source },
};
/** Every admin operation needs the bearer token… */
const admin = { tags: ["admin"], security: [{ adminToken: [] }] };
/** …and so may answer `unauthorized`, besides its own problems. */
const adminProblems = (...codes: (keyof typeof PROBLEMS)[]) => problems("unauthorized", ...codes);
const clientBody = (schema: z.ZodType) => ({ required: true, content: json(schema) });

/** The components that describe request bodies. */
const REQUEST_IDS = new Set(
  [GetPinRequest, VerifyPinRequest, NewClientRequest, ClientPatchRequest, RotateSecretRequest].map(
    (schema) => schema.meta()?.id,
  ),
);

export function openApiDocument(issuer: string) {
  // Every schema registered with `.meta({ id })` becomes a component; references between
  // them point into components rather than into per-schema $defs. Request bodies are described
  // as they may be sent (a member with a default is optional), answers as they are produced.
  const generate = (io: "input" | "output") =>
    z.toJSONSchema(z.globalRegistry, {
      target: "draft-2020-12",
      unrepresentable: "any",
      io,
      uri: (id) => `#/components/schemas/${id}`,
    }).schemas;
  const [sent, produced] = [generate("input"), generate("output")];
  const components = Object.fromEntries(
    Object.entries(produced).map(([id, output]) => {
      const schema = REQUEST_IDS.has(id) ? sent[id] : output;
      const { $schema: _, $id: __, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Llave API",
      version: "0.1.0",
      description:
        "Login transactions and the one-time PIN method, and the admin API through which operators register agencies' clients (bearer ADMIN_TOKEN; it answers 404 on deployments without one). Errors are RFC 9457 problems with a stable `type` (urn:llave:problem:<code>).",
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
      "/admin/clients": {
        get: {
          operationId: "listClients",
          summary: "List clients, a page at a time, in id order",
          ...admin,
          parameters: [
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
            },
            {
              name: "after",
              in: "query",
              schema: { type: "string" },
              description: "`next` of the previous page",
            },
          ],
          responses: {
            "200": { description: "A page of clients", content: json(ClientList) },
            ...adminProblems("invalid_request"),
          },
        },
        post: {
          operationId: "createClient",
          summary: "Register an agency's client",
          description:
            "A client_secret_basic or client_secret_post client gets a secret, shown in this answer only.",
          ...admin,
          requestBody: clientBody(NewClientRequest),
          responses: {
            "201": { description: "Registered", content: json(ClientSaved) },
            ...adminProblems(
              "invalid_client_metadata",
              "client_exists",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/admin/clients/{clientId}": {
        get: {
          operationId: "getClient",
          summary: "One client",
          ...admin,
          parameters: [clientId],
          responses: {
            "200": { description: "The client", content: json(ClientView) },
            ...adminProblems("client_not_found"),
          },
        },
        patch: {
          operationId: "updateClient",
          summary: "Change, disable or enable a client",
          description:
            "Members left out keep their value; null clears jwks, jwksUri or backchannelLogoutUri. A client moved to a secret method without a secret gets one, in this answer only.",
          ...admin,
          parameters: [clientId],
          requestBody: clientBody(ClientPatchRequest),
          responses: {
            "200": { description: "The client as saved", content: json(ClientSaved) },
            ...adminProblems(
              "invalid_client_metadata",
              "client_not_found",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
      "/admin/clients/{clientId}/secret": {
        post: {
          operationId: "rotateClientSecret",
          summary: "Rotate a client's secret",
          description:
            "The previous secret keeps working for graceSeconds, so the agency can roll out the new one.",
          ...admin,
          parameters: [clientId],
          requestBody: clientBody(RotateSecretRequest),
          responses: {
            "200": { description: "The new secret", content: json(SecretRotated) },
            ...adminProblems(
              "invalid_request",
              "client_not_found",
              "no_client_secret",
              "payload_too_large",
              "unsupported_media_type",
            ),
          },
        },
      },
    },
    components: {
      schemas: components,
      securitySchemes: {
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "The deployment's ADMIN_TOKEN",
        },
      },
    },
  };
}
