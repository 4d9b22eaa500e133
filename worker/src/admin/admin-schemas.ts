/**
 * Wire shapes of the admin API; the OpenAPI document is generated from these. Rules on one
 * field live here (the URL rules in client-uris.ts); rules across fields in client-metadata.ts.
 */
import * as z from "zod";
import { type Client, SCOPES } from "../storage/client-store.ts";
import {
  httpsUrlProblem,
  MAX_URI_LENGTH,
  originProblem,
  redirectUriProblem,
} from "./client-uris.ts";

/** Operator-chosen ids; generated ids look like `cl_` and 22 base64url characters. */
export const CLIENT_SLUG = /^[a-z0-9][a-z0-9-]{2,63}$/;
/** Anything that can name a client: a slug or a generated id. */
export const CLIENT_ID = /^(?:cl_[A-Za-z0-9_-]{22}|[a-z0-9][a-z0-9-]{2,63})$/;

/** JWK members that only a private or symmetric key has (RFC 7518 6.2.2, 6.3.2, 6.4.1). */
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** A host name or IP literal, as the host of a URL is written. */
const HOST =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:.]{2,45}\]$/;

const uri = (problem: (value: string) => string | null) =>
  z
    .string()
    .max(MAX_URI_LENGTH)
    .superRefine((value, ctx) => {
      const message = problem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    });

const list = <T extends z.ZodType<string>>(item: T, min: number, max: number) =>
  z
    .array(item)
    .min(min)
    .max(max)
    .refine((values) => new Set(values).size === values.length, "Must not repeat a value");

const RedirectUri = uri(redirectUriProblem).describe(
  "Absolute URL without fragment; https, or http on localhost, 127.0.0.1 or [::1]",
);

const PublicJwk = z
  .looseObject({
    kty: z.enum(["EC", "RSA", "OKP"]),
    kid: z.string().max(256).optional(),
  })
  .superRefine((key, ctx) => {
    for (const member of PRIVATE_JWK_MEMBERS) {
      if (member in key) {
        ctx.addIssue({
          code: "custom",
          path: [member],
          message: "Public keys only: a private or symmetric key member was sent",
        });
      }
    }
  });

/** Every field an operator may set, without defaults (a patch has none). */
const clientFields = {
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^\P{C}+$/u, "Must not contain control or invisible format characters")
    .describe("Shown to citizens on the login screen"),
  authMethod: z
    .enum(["client_secret_basic", "client_secret_post", "private_key_jwt"])
    .describe("How the client authenticates at the token endpoint"),
  redirectUris: list(RedirectUri, 1, 20).describe("Matched exactly, character for character"),
  postLogoutRedirectUris: list(RedirectUri, 0, 20),
  frameOrigins: list(uri(originProblem), 0, 20).describe(
    "Origins (scheme://host[:port]) allowed to frame the login app",
  ),
  allowedMethods: list(z.enum(["pin", "password", "mobile"]), 1, 3),
  minAcr: z.enum(["low", "substantial", "high"]).describe("Lowest eIDAS level the client accepts"),
  subjectType: z.enum(["pairwise", "public"]),
  sectorIdentifier: z
    .string()
    .regex(HOST, "Must be a lower-case host name")
    .describe(
      "Host whose pairwise subjects the client gets; changing it changes every subject the client sees",
    ),
  scopes: list(z.enum(SCOPES), 1, SCOPES.length).refine(
    (scopes) => scopes.includes("openid"),
    "Must include openid",
  ),
  idTokenAlg: z.enum(["ES256", "RS256"]),
  idTokenTtl: z.int().min(60).max(3600).describe("Seconds"),
  accessTokenTtl: z.int().min(60).max(3600).describe("Seconds"),
  refreshTokenTtl: z
    .int()
    .min(300)
    .max(2_592_000)
    .describe("Seconds a refresh-token family lives, from the login"),
  jwks: z
    .strictObject({ keys: z.array(PublicJwk).min(1).max(10) })
    .nullable()
    .describe("The client's public keys, for private_key_jwt and signed request objects"),
  jwksUri: uri(httpsUrlProblem).nullable().describe("Or where the client publishes them"),
  backchannelLogoutUri: RedirectUri.nullable(),
};

export const NewClientRequest = z
  .strictObject({
    id: z
      .string()
      .regex(CLIENT_SLUG, "3 to 64 lower-case letters, digits and hyphens, not starting with -")
      .optional()
      .describe("Chosen by the operator; generated (cl_…) when absent"),
    ...clientFields,
    authMethod: clientFields.authMethod.default("client_secret_basic"),
    postLogoutRedirectUris: clientFields.postLogoutRedirectUris.default([]),
    frameOrigins: clientFields.frameOrigins.default([]),
    allowedMethods: clientFields.allowedMethods.default(["pin"]),
    minAcr: clientFields.minAcr.default("low"),
    subjectType: clientFields.subjectType.default("pairwise"),
    sectorIdentifier: clientFields.sectorIdentifier
      .optional()
      .describe("Default: the host of the redirect URIs (required if they are on several hosts)"),
    scopes: clientFields.scopes.default(["openid"]),
    idTokenAlg: clientFields.idTokenAlg.default("ES256"),
    idTokenTtl: clientFields.idTokenTtl.default(300),
    accessTokenTtl: clientFields.accessTokenTtl.default(300),
    refreshTokenTtl: clientFields.refreshTokenTtl.default(86_400),
    jwks: clientFields.jwks.optional(),
    jwksUri: clientFields.jwksUri.optional(),
    backchannelLogoutUri: clientFields.backchannelLogoutUri.optional(),
  })
  .meta({ id: "NewClientRequest" });

export const ClientPatchRequest = z
  .strictObject({ ...clientFields, status: z.enum(["active", "disabled"]) })
  .partial()
  .meta({ id: "ClientPatchRequest" });

export const RotateSecretRequest = z
  .strictObject({
    graceSeconds: z
      .int()
      .min(0)
      .max(2_592_000)
      .default(86_400)
      .describe("How long the previous secret keeps working; 0 revokes it at once"),
  })
  .meta({ id: "RotateSecretRequest" });

export const ClientListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().max(128).optional(),
});

export const ClientView = z
  .object({
    id: z.string(),
    status: z.enum(["active", "disabled"]),
    ...clientFields,
    sectorIdentifier: z.string(),
    previousSecretExpiresAt: z
      .number()
      .int()
      .nullable()
      .describe("Until when (epoch ms) the secret before the last rotation is still accepted"),
    createdAt: z.number().int().describe("Epoch milliseconds"),
    updatedAt: z.number().int().describe("Epoch milliseconds"),
  })
  .meta({ id: "Client" });

export const ClientSaved = z
  .object({
    client: ClientView,
    clientSecret: z
      .string()
      .optional()
      .describe("The new secret, when one was issued. Shown this once: only its digest is kept"),
  })
  .meta({ id: "ClientSaved" });

export const ClientList = z
  .object({
    clients: z.array(ClientView),
    next: z.string().nullable().describe("Pass as `after` for the next page; null on the last"),
  })
  .meta({ id: "ClientList" });

export const SecretRotated = z
  .object({
    clientSecret: z.string().describe("Shown this once: only its digest is kept"),
    previousSecretExpiresAt: z
      .number()
      .int()
      .nullable()
      .describe("Until when (epoch ms) the previous secret is still accepted"),
  })
  .meta({ id: "SecretRotated" });

export type ClientViewBody = Omit<Client, "secretHash" | "previousSecretHash">;

/**
 * A client as the admin API shows it: never a secret's digest.
 *
 * @example c.json(clientView(await clients.find(id)))
 */
export function clientView(client: Client): ClientViewBody {
  const { secretHash: _, previousSecretHash: __, ...view } = client;
  return view;
}
