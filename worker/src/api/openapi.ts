/**
 * The OpenAPI 3.1 description of the login API and the admin API, generated from the same zod
 * schemas that validate requests: schemas registered with `.meta({ id })` become components,
 * so the document cannot drift from what the handlers accept.
 */
import * as z from "zod";
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
import {
  Activated,
  ActivationCodeIssued,
  ActivationCodeRequest,
  ActivationRequest,
  NewPasswordRequest,
  OtpSent,
  OtpVerifyRequest,
  PasswordLoginRequest,
  PasswordStepAnswer,
} from "../methods/password/password-schemas.ts";
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
/** The problems every login-API step may answer besides its own. */
const LOGIN_PROBLEMS = [
  "invalid_request",
  "login_not_found",
  "login_expired",
  "already_authenticated",
  "payload_too_large",
  "unsupported_media_type",
] as const;

/** A POST of the password method: body, answer and problems (docs/password.md). */
const passwordStep = (
  operationId: string,
  summary: string,
  body: z.ZodType | null,
  answer: { status: string; schema: z.ZodType },
  ...codes: (keyof typeof PROBLEMS)[]
) => ({
  post: {
    operationId,
    summary,
    tags: ["password"],
    parameters: [loginId],
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: {
      [answer.status]: { description: summary, content: json(answer.schema) },
      ...problems(...LOGIN_PROBLEMS, ...codes),
    },
  },
});

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
  [
    GetPinRequest,
    VerifyPinRequest,
    NewClientRequest,
    ClientPatchRequest,
    RotateSecretRequest,
    PasswordLoginRequest,
    NewPasswordRequest,
    OtpVerifyRequest,
    ActivationRequest,
    ActivationCodeRequest,
  ].map((schema) => schema.meta()?.id),
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
      "/api/logins/{loginId}/password": passwordStep(
        "passwordLogin",
        "Log in with document and permanent password",
        PasswordLoginRequest,
        { status: "200", schema: PasswordStepAnswer },
        "invalid_document",
        "invalid_credentials",
        "password_locked",
        "login_backoff",
        "login_blocked",
        "rate_limited",
        "password_busy",
      ),
      "/api/logins/{loginId}/password/change": passwordStep(
        "changeExpiredPassword",
        "Choose a new password when the old one has expired",
        NewPasswordRequest,
        { status: "200", schema: PasswordStepAnswer },
        "no_password_change",
        "weak_password",
        "password_busy",
      ),
      "/api/logins/{loginId}/otp": passwordStep(
        "sendOtp",
        "Send (or resend) the SMS code of the second factor or of the activation",
        null,
        { status: "202", schema: OtpSent },
        "no_otp_requested",
        "resend_cooldown",
        "too_many_pin_requests",
      ),
      "/api/logins/{loginId}/otp/verify": passwordStep(
        "verifyOtp",
        "Check the SMS code",
        OtpVerifyRequest,
        { status: "200", schema: PasswordStepAnswer },
        "invalid_otp",
        "otp_expired",
        "otp_not_active",
        "no_otp_requested",
        "login_backoff",
        "login_blocked",
      ),
      "/api/logins/{loginId}/activation": passwordStep(
        "startActivation",
        "Activate a password: document, contrast datum and activation code (same answer whatever matched)",
        ActivationRequest,
        { status: "202", schema: OtpSent },
        "invalid_document",
        "invalid_contrast_datum",
        "invalid_activation_code",
        "rate_limited",
        "resend_cooldown",
        "too_many_pin_requests",
      ),
      "/api/logins/{loginId}/activation/password": passwordStep(
        "setActivatedPassword",
        "Set the password, consuming the activation code",
        NewPasswordRequest,
        { status: "200", schema: Activated },
        "no_activation",
        "weak_password",
        "activation_code_invalid",
        "password_busy",
      ),
      "/admin/citizens/{citizenId}/activation-codes": {
        post: {
          operationId: "issueActivationCode",
          summary: "Issue a password activation code (by SMS, or returned for a letter)",
          ...admin,
          parameters: [
            { name: "citizenId", in: "path", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: json(ActivationCodeRequest) },
          responses: {
            "201": { description: "Issued", content: json(ActivationCodeIssued) },
            ...adminProblems("invalid_request", "citizen_not_found", "not_eligible", "no_mobile"),
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
