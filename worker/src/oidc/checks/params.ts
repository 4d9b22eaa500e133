/**
 * Rule: an authorization request's parameters, from the query (GET) or the form body (POST),
 * each present at most once (RFC 6749 3.1), within a sane length.
 */
import { oauth } from "../oauth-error.ts";

export type Params = Record<string, string>;

const MAX_VALUE = 4096;
/** A signed request object can be longer than any single parameter. */
const MAX_REQUEST_OBJECT = 12_288;

export function singleValued(entries: Iterable<[string, string]>): Params {
  const params: Params = {};
  for (const [name, value] of entries) {
    if (name in params) throw oauth("invalid_request", `${name} is given more than once`);
    const max = name === "request" ? MAX_REQUEST_OBJECT : MAX_VALUE;
    if (value.length > max) throw oauth("invalid_request", `${name} is too long`);
    if (value !== "") params[name] = value;
  }
  return params;
}
