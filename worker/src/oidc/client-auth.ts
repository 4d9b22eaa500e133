/**
 * Client authentication at the token, introspection and revocation endpoints (RFC 6749 2.3,
 * OIDC Core 9): exactly one method per request, and the one the client registered.
 *
 * - client_secret_basic / client_secret_post: the secret's SHA-256 compared in constant time
 *   with the current digest and, during a rotation's grace period, the previous one;
 * - private_key_jwt (RFC 7523): an assertion signed with the client's key, issued and
 *   subject-ed by the client, for this provider, short-lived, with a `jti` used only once.
 */
import { decodeJwt, jwtVerify } from "jose";
import type { AppDeps } from "../app.ts";
import { clientSecretMatches } from "../crypto/client-secret.ts";
import type { Client } from "../storage/client-store.ts";
import { CLIENT_SIGNING_ALGS, clientKeySet } from "./client-keys.ts";
import { OAuthError, oauth } from "./oauth-error.ts";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Assertions valid for longer than this are refused (a replay window we must remember). */
const MAX_ASSERTION_LIFETIME_S = 300;

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
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(assertion, keys, {
      algorithms: CLIENT_SIGNING_ALGS,
      issuer: client.id,
      subject: client.id,
      audience: [endpoint, deps.config.issuer],
      requiredClaims: ["exp", "jti"],
      clockTolerance: 30,
      currentDate: new Date(now),
    }));
  } catch {
    throw fail("The client assertion is not valid");
  }
  const exp = payload.exp as number;
  if (exp * 1000 - now > MAX_ASSERTION_LIFETIME_S * 1000) {
    throw fail(`Client assertions may be valid for at most ${MAX_ASSERTION_LIFETIME_S} s`);
  }
  if (!(await deps.clients.useAssertion(client.id, String(payload.jti), exp * 1000))) {
    throw fail("The client assertion has already been used");
  }
}
