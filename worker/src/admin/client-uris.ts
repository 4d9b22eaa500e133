/**
 * The rules for the addresses a client registers. Every one is an absolute URL in printable
 * ASCII without credentials or a fragment (RFC 6749 3.1.2), on https — plain http only on a
 * loopback host, which never leaves the machine (RFC 8252 7.3 and 8.3; RFC 9700 2.1). Each
 * rule answers the reason a value breaks it, or null when it is fine, so the admin API can say
 * exactly what to change.
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** At most this long: longer addresses are mistakes, and each one is stored and matched. */
export const MAX_URI_LENGTH = 2000;

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname);

function webUrlProblem(value: string, allowLoopbackHttp: boolean): string | null {
  if (!PRINTABLE_ASCII.test(value)) {
    return "Must be printable ASCII without spaces (write non-ASCII hosts in punycode)";
  }
  if (!URL.canParse(value)) return "Must be an absolute URL";
  const url = new URL(value);
  if (url.username !== "" || url.password !== "") return "Must not contain credentials";
  if (value.includes("#")) return "Must not contain a fragment (#)";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLoopbackHttp) {
    return isLoopbackHost(url.hostname)
      ? null
      : "Plain http is only allowed on localhost, 127.0.0.1 or [::1]; use https";
  }
  return allowLoopbackHttp
    ? "Must use https (or http on localhost, 127.0.0.1 or [::1])"
    : "Must use https";
}

/**
 * A redirect URI (also a post-logout redirect URI or a back-channel logout URI).
 *
 * @example redirectUriProblem("http://localhost:8788/callback") // null
 * @example redirectUriProblem("http://agencia.example/cb") // "Plain http is only allowed …"
 */
export const redirectUriProblem = (value: string): string | null => webUrlProblem(value, true);

/** An https URL, e.g. where a client publishes its keys. */
export const httpsUrlProblem = (value: string): string | null => webUrlProblem(value, false);

/**
 * An origin allowed to frame the login app: scheme://host[:port] exactly as browsers send it
 * (lower case, no default port, no path, not even a trailing slash), so it can be compared
 * with what the browser reports as is.
 *
 * @example originProblem("https://sede.agencia.example") // null
 * @example originProblem("https://sede.agencia.example/") // "Must be an origin …"
 */
export function originProblem(value: string): string | null {
  const problem = webUrlProblem(value, true);
  if (problem) return problem;
  const origin = new URL(value).origin;
  return origin === value
    ? null
    : `Must be an origin (scheme://host[:port], nothing after it), here ${origin}`;
}
