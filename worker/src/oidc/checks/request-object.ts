/**
 * Rule: a signed request object (`request`, OIDC Core 6.1; required by the Italian SPID/CIE
 * profile) is verified with the client's keys — never `alg: none`, never a shared secret —
 * must be issued by the client for this provider, unexpired, and agree with the query on
 * `client_id` and `response_type`. Its parameters then replace the query's. `request_uri` is
 * not supported and says so.
 */
import { errors, jwtVerify } from "jose";
import type { Client } from "../../storage/client-store.ts";
import { CLIENT_SIGNING_ALGS, clientKeySet } from "../client-keys.ts";
import { oauth } from "../oauth-error.ts";
import type { Params } from "./params.ts";

/** Request objects older than this (by `iat`) or valid longer are refused. */
const MAX_LIFETIME_S = 3600;

export async function applyRequestObject(
  client: Client,
  params: Params,
  issuer: string,
  now: number,
): Promise<Params> {
  if (params.request_uri) {
    throw oauth("request_uri_not_supported", "request_uri is not supported; send request");
  }
  const jwt = params.request;
  if (!jwt) return params;
  const keys = clientKeySet(client);
  if (!keys) {
    throw oauth(
      "invalid_request_object",
      "This service has no registered keys for request objects",
    );
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(jwt, keys, {
      algorithms: CLIENT_SIGNING_ALGS,
      issuer: client.id,
      audience: issuer,
      requiredClaims: ["exp"],
      maxTokenAge: MAX_LIFETIME_S,
      clockTolerance: 30,
      currentDate: new Date(now),
    }));
  } catch (error) {
    throw oauth("invalid_request_object", describe(error));
  }
  if (payload.client_id !== undefined && payload.client_id !== client.id) {
    throw oauth("invalid_request_object", "client_id in the request object differs");
  }
  if (
    payload.response_type !== undefined &&
    params.response_type !== undefined &&
    payload.response_type !== params.response_type
  ) {
    throw oauth("invalid_request_object", "response_type in the request object differs");
  }
  const merged: Params = { ...params };
  delete merged.request;
  for (const [name, value] of Object.entries(payload)) {
    if (["iss", "aud", "exp", "iat", "nbf", "jti"].includes(name)) continue;
    if (name === "request" || name === "request_uri") {
      throw oauth("invalid_request_object", `${name} cannot be nested in a request object`);
    }
    merged[name] =
      typeof value === "string"
        ? value
        : typeof value === "number"
          ? String(value)
          : JSON.stringify(value);
  }
  return merged;
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The request object has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The request object's ${error.claim} is not valid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return "The request object's algorithm is not allowed";
  if (error instanceof errors.JWKSNoMatchingKey)
    return "No registered key matches the request object";
  return "The request object's signature or format is not valid";
}
