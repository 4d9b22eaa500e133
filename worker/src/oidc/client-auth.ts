/**
 * Client authentication at the token, introspection and revocation endpoints (RFC 6749 2.3,
 * OIDC Core 9): exactly one method per request, and the one the client registered.
 *
 * - client_secret_basic / client_secret_post: the secret's SHA-256 compared in constant time
 *   with the current digest and, during a rotation's grace period, the previous one;
 * - private_key_jwt (RFC 7523): an assertion signed with the client's key, issued and
 *   subject-ed by the client, for this provider, short-lived, with a `jti` used only once.
 *
 * One rule for the assertion's `aud` at every endpoint that authenticates clients: the issuer,
 * the token endpoint (OIDC Core 9 says it SHOULD be that, and Authlib sends it everywhere) or
 * the endpoint's own URL. A `jti` is remembered until the assertion could no longer pass the
 * clock tolerance, so no assertion is accepted twice.
 */
import { decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import type { AppDeps } from "../app.ts";
import { clientSecretMatches } from "../crypto/client-secret.ts";
import type { Client } from "../storage/client-store.ts";
import { CLIENT_SIGNING_ALGS, clientKeySet } from "./client-keys.ts";
import { OAuthError, oauth } from "./oauth-error.ts";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Seconds of clock difference allowed between the client and Llave on `exp` and `nbf`. */
export const ASSERTION_CLOCK_TOLERANCE_S = 30;
/** Where the token endpoint is, below the issuer. */
export const TOKEN_PATH = "/token";

/**
 * The `aud` values an assertion may carry at `endpoint` (a path): the issuer, the token
 * endpoint and the endpoint itself, so one assertion recipe works everywhere.
 *
 * @example assertionAudiences("https://llave.example", "/token/revoke")
 * // ["https://llave.example", "https://llave.example/token", "https://llave.example/token/revoke"]
 */
export const assertionAudiences = (issuer: string, endpoint: string): string[] => [
  ...new Set([issuer, `${issuer}${TOKEN_PATH}`, `${issuer}${endpoint}`]),
];

/** invalid_client answered with the challenge of the scheme the client tried (RFC 6749 5.2). */
export class ClientAuthError extends OAuthError {
  readonly basic: boolean;
  constructor(description: string, basic: boolean) {
    super("invalid_client", description);
    this.basic = basic;
  }
}

type Presented =
  | { method: "client_secret_basic" | "client_secret_post"; clientId: string; secret: string }
  | { method: "private_key_jwt"; clientId: string; assertion: string };

const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));

function presented(authorization: string | undefined, form: URLSearchParams): Presented {
  const methods: Presented[] = [];
  if (authorization !== undefined) {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw new ClientAuthError("The Authorization header is not valid Basic", true);
    let decoded: string;
    try {
      decoded = atob(match[1]);
    } catch {
      throw new ClientAuthError("The Authorization header is not valid Basic", true);
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new ClientAuthError("The Authorization header is not valid Basic", true);
    try {
      methods.push({
        method: "client_secret_basic",
        clientId: formDecode(decoded.slice(0, colon)),
        secret: formDecode(decoded.slice(colon + 1)),
      });
    } catch {
      throw new ClientAuthError("The client credentials are not form-encoded correctly", true);
    }
  }
  const secret = form.get("client_secret");
  if (secret !== null) {
    methods.push({ method: "client_secret_post", clientId: form.get("client_id") ?? "", secret });
  }
  const assertion = form.get("client_assertion");
  if (assertion !== null) {
    if (form.get("client_assertion_type") !== JWT_BEARER) {
      throw oauth("invalid_request", `client_assertion_type must be ${JWT_BEARER}`);
    }
    let clientId = form.get("client_id") ?? "";
    try {
      const claims = decodeJwt(assertion);
      clientId ||= typeof claims.iss === "string" ? claims.iss : "";
    } catch {
      throw new ClientAuthError("client_assertion is not a JWT", false);
    }
    methods.push({ method: "private_key_jwt", clientId, assertion });
  }
  if (methods.length > 1) {
    throw oauth("invalid_request", "Use exactly one client authentication method");
  }
  const [only] = methods;
  if (!only) throw new ClientAuthError("Client authentication is required", false);
  const formId = form.get("client_id");
  if (formId !== null && formId !== only.clientId) {
    throw new ClientAuthError(
      "client_id does not match the authenticated client",
      only.method === "client_secret_basic",
    );
  }
  return only;
}

export async function authenticateClient(
  deps: Pick<AppDeps, "clients" | "config">,
  request: {
    authorization: string | undefined;
    form: URLSearchParams;
    /** The path of the endpoint that authenticates the client, e.g. `/token/introspect`. */
    endpoint: string;
    now: number;
  },
): Promise<Client> {
  const p = presented(request.authorization, request.form);
  const basic = p.method === "client_secret_basic";
  const fail = (description: string) => new ClientAuthError(description, basic);
  const client = p.clientId ? await deps.clients.find(p.clientId) : null;
  if (client?.status !== "active") throw fail("Unknown or disabled client");
  if (client.authMethod !== p.method) {
    throw fail(`This client authenticates with ${client.authMethod}`);
  }
  if (p.method === "private_key_jwt") {
    await verifyAssertion(deps, client, p.assertion, request.endpoint, request.now, fail);
    return client;
  }
  const previous =
    client.previousSecretExpiresAt !== null && request.now < client.previousSecretExpiresAt
      ? client.previousSecretHash
      : null;
  if (!(await clientSecretMatches(p.secret, [client.secretHash, previous]))) {
    throw fail("The client secret is not correct");
  }
  return client;
}

/** What the client should change, for each way jose refuses an assertion. */
function assertionProblem(error: unknown, audiences: string[]): string {
  if (error instanceof joseErrors.JWTExpired) return "The client assertion has expired (exp)";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "aud":
        return `The client assertion's aud must be one of ${audiences.join(", ")}`;
      case "iss":
      case "sub":
        return `The client assertion's ${error.claim} must be the client_id`;
      case "nbf":
        return "The client assertion is not valid yet (nbf)";
      default:
        return `The client assertion needs a valid ${error.claim} claim`;
    }
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return `Client assertions are signed with one of ${CLIENT_SIGNING_ALGS.join(", ")}`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "The client assertion's signature does not match the client's keys";
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return "No key of the client matches the client assertion's kid and alg";
  }
  return "The client assertion is not valid";
}

async function verifyAssertion(
  deps: Pick<AppDeps, "clients" | "config">,
  client: Client,
  assertion: string,
  endpoint: string,
  now: number,
  fail: (d: string) => OAuthError,
): Promise<void> {
  const keys = clientKeySet(client);
  if (!keys) throw fail("The client has no registered keys");
  const audiences = assertionAudiences(deps.config.issuer, endpoint);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, keys, {
      algorithms: CLIENT_SIGNING_ALGS,
      issuer: client.id,
      subject: client.id,
      audience: audiences,
      requiredClaims: ["exp", "jti"],
      clockTolerance: ASSERTION_CLOCK_TOLERANCE_S,
      currentDate: new Date(now),
    }));
  } catch (error) {
    throw fail(assertionProblem(error, audiences));
  }
  const exp = payload.exp as number;
  const maxLifetime = deps.config.clientAssertionMaxLifetimeS;
  // The bound is what Llave must remember each jti for; the tolerance keeps a client whose
  // clock runs a little ahead from being refused for signing exactly the maximum.
  if (exp * 1000 - now > (maxLifetime + ASSERTION_CLOCK_TOLERANCE_S) * 1000) {
    throw fail(
      `Client assertions may expire at most ${maxLifetime} s after they are sent: sign them with a shorter exp, or ask the operator to raise CLIENT_ASSERTION_MAX_LIFETIME_SECONDS`,
    );
  }
  // Kept until the tolerance has run out too: until then jwtVerify would still accept it.
  const rememberUntil = (exp + ASSERTION_CLOCK_TOLERANCE_S) * 1000;
  if (!(await deps.clients.useAssertion(client.id, String(payload.jti), rememberUntil))) {
    throw fail("The client assertion has already been used");
  }
}
