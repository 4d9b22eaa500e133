/**
 * The admin API (tag "admin"): operators register agencies' clients and issue activation codes,
 * with the deployment's ADMIN_TOKEN as a bearer (404 everywhere on deployments without one).
 */
import type * as z from "zod";
import {
  CLIENT_ID,
  ClientList,
  ClientPatchRequest,
  ClientSaved,
  ClientView,
  NewClientRequest,
  RotateSecretRequest,
  SecretRotated,
} from "../../admin/admin-schemas.ts";
import { Reinstated, StandingRequest, Suspended } from "../../admin/citizen-schemas.ts";
import { UnlockRequest, UnlockResult } from "../../admin/unlock-routes.ts";
import {
  ActivationCodeIssued,
  ActivationCodeRequest,
} from "../../methods/password/password-schemas.ts";
import { json, type ProblemCode, problems } from "./shared.ts";

const clientId = {
  name: "clientId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: CLIENT_ID.source },
};
/** Every admin operation needs the bearer token… */
const admin = { tags: ["admin"], security: [{ adminToken: [] }] };
/** …and so may answer `unauthorized`, besides its own problems. */
const adminProblems = (...codes: ProblemCode[]) => problems("unauthorized", ...codes);
const clientBody = (schema: z.ZodType) => ({ required: true, content: json(schema) });

/** The bodies this area's operations accept. */
export const ADMIN_REQUESTS = [
  NewClientRequest,
  ClientPatchRequest,
  RotateSecretRequest,
  ActivationCodeRequest,
  StandingRequest,
  UnlockRequest,
];

export const adminTokenScheme = {
  type: "http",
  scheme: "bearer",
  description: "The deployment's ADMIN_TOKEN",
};

export const adminPaths = {
  "/admin/citizens/{citizenId}/activation-codes": {
    post: {
      operationId: "issueActivationCode",
      summary: "Issue a password activation code (by SMS, or returned for a letter)",
      ...admin,
      parameters: [{ name: "citizenId", in: "path", required: true, schema: { type: "string" } }],
      requestBody: { required: true, content: json(ActivationCodeRequest) },
      responses: {
        "201": { description: "Issued", content: json(ActivationCodeIssued) },
        ...adminProblems("invalid_request", "citizen_not_found", "not_eligible", "no_mobile"),
      },
    },
  },
  "/admin/citizens/{citizenId}/suspend": {
    post: {
      operationId: "suspendCitizen",
      summary: "Suspend a citizen: end their sessions and revoke their grants at once",
      description:
        "Audited with the operator and the reason; the citizen is told on every contact. Access and refresh tokens stop at userinfo, introspection and the token endpoint from this answer on.",
      ...admin,
      parameters: [{ name: "citizenId", in: "path", required: true, schema: { type: "string" } }],
      requestBody: { required: true, content: json(StandingRequest) },
      responses: {
        "200": { description: "Suspended", content: json(Suspended) },
        ...adminProblems("invalid_request", "citizen_not_found", "citizen_not_active"),
      },
    },
  },
  "/admin/citizens/{citizenId}/reinstate": {
    post: {
      operationId: "reinstateCitizen",
      summary: "Make a suspended citizen active again (they log in again)",
      ...admin,
      parameters: [{ name: "citizenId", in: "path", required: true, schema: { type: "string" } }],
      requestBody: { required: true, content: json(StandingRequest) },
      responses: {
        "200": { description: "Active again", content: json(Reinstated) },
        ...adminProblems("invalid_request", "citizen_not_found", "citizen_not_suspended"),
      },
    },
  },
  "/admin/unlocks": {
    post: {
      operationId: "unlockCitizen",
      summary: "Lift a citizen's lockouts at once (failure back-off, hard stop, password pause)",
      description:
        "Lockouts also end by themselves (docs/password.md). Audited as `citizen.unlocked` with the operator and the reason, and told to the citizen on every contact.",
      ...admin,
      requestBody: { required: true, content: json(UnlockRequest) },
      responses: {
        "200": { description: "Unlocked", content: json(UnlockResult) },
        ...adminProblems("invalid_request", "invalid_document", "citizen_not_found"),
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
};
