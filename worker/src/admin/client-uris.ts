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

/*
 * Addresses Llave itself calls (a client's jwks_uri, its back-channel logout URI) must be on
 * the public internet: otherwise whoever registers a client could make the worker send
 * requests into the network it runs in (server-side request forgery, OWASP ASVS 5.0 V1.3.6).
 * Only what the URL says is judged: a Worker cannot resolve names itself, so a public name that
 * resolves to a private address is for the network's egress rules to stop.
 */

/** Names that never leave the machine or the site (RFC 6761, RFC 6762, RFC 8375, ICANN). */
const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

/** [first address as a number, prefix length, what it is] for IPv4 ranges that are not public. */
const IPV4_RANGES: [number, number, string][] = [
  [0x00000000, 8, "a 'this network' address (0.0.0.0/8)"],
  [0x0a000000, 8, "a private address (10.0.0.0/8)"],
  [0x64400000, 10, "a shared (carrier-grade NAT) address (100.64.0.0/10)"],
  [0x7f000000, 8, "a loopback address (127.0.0.0/8)"],
  [0xa9fe0000, 16, "a link-local address (169.254.0.0/16, cloud metadata lives here)"],
  [0xac100000, 12, "a private address (172.16.0.0/12)"],
  [0xc0000000, 24, "an IETF protocol address (192.0.0.0/24)"],
  [0xc0000200, 24, "a documentation address (192.0.2.0/24)"],
  [0xc0a80000, 16, "a private address (192.168.0.0/16)"],
  [0xc6120000, 15, "a benchmarking address (198.18.0.0/15)"],
  [0xc6336400, 24, "a documentation address (198.51.100.0/24)"],
  [0xcb007100, 24, "a documentation address (203.0.113.0/24)"],
  [0xe0000000, 4, "a multicast address (224.0.0.0/4)"],
  [0xf0000000, 4, "a reserved address (240.0.0.0/4)"],
];

function ipv4Problem(address: number): string | null {
  for (const [first, bits, what] of IPV4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((address & mask) >>> 0 === first) return what;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 literal as URL.hostname writes it, brackets removed. */
function ipv6Groups(literal: string): number[] | null {
  const [head = "", tail, extra] = literal.split("::");
  if (extra !== undefined) return null;
  const part = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const missing = 8 - front.length - back.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...front, ...new Array<number>(missing).fill(0), ...back];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function ipv6Problem(groups: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = ((g6 << 16) | g7) >>> 0;
  const zeroTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroTo(8)) return "the unspecified address (::)";
  if (zeroTo(7) && g7 === 1) return "the loopback address (::1)";
  if (zeroTo(5) && g5 === 0xffff) {
    const inner = ipv4Problem(embedded);
    return inner ? `an IPv4-mapped address of ${inner}` : null;
  }
  if (zeroTo(6)) return "an IPv4-compatible address (::/96, deprecated)";
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    const inner = ipv4Problem(embedded);
    return inner ? `a NAT64 address of ${inner}` : null;
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "a local NAT64 address (64:ff9b:1::/48)";
  if (g0 === 0x2002) {
    const inner = ipv4Problem(((g1 << 16) | g2) >>> 0);
    return inner ? `a 6to4 address of ${inner}` : null;
  }
  if (g0 === 0x2001 && g1 === 0) return "a Teredo address (2001::/32)";
  if (g0 === 0x2001 && g1 === 0xdb8) return "a documentation address (2001:db8::/32)";
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return "a discard address (100::/64)";
  if ((g0 & 0xfe00) === 0xfc00) return "a unique local address (fc00::/7)";
  if ((g0 & 0xffc0) === 0xfe80) return "a link-local address (fe80::/10)";
  if ((g0 & 0xffc0) === 0xfec0) return "a site-local address (fec0::/10, deprecated)";
  if ((g0 & 0xff00) === 0xff00) return "a multicast address (ff00::/8)";
  return null;
}

/**
 * Why `hostname` (as `new URL(…).hostname` writes it: lower case, IPv4 in dotted decimal,
 * IPv6 compressed in brackets) is not a host on the public internet, or null when it may be.
 *
 * @example nonPublicHost("sede.agencia.example") // null
 * @example nonPublicHost("10.1.2.3") // "a private address (10.0.0.0/8)"
 * @example nonPublicHost("[::ffff:7f00:1]") // "an IPv4-mapped address of a loopback address …"
 */
export function nonPublicHost(hostname: string): string | null {
  const host = hostname.replace(/\.$/, "");
  if (host.startsWith("[") && host.endsWith("]")) {
    const groups = ipv6Groups(host.slice(1, -1));
    return groups ? ipv6Problem(groups) : "an IPv6 address Llave cannot read";
  }
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (octets) {
    const [a, b, c, d] = octets.slice(1).map(Number) as [number, number, number, number];
    return ipv4Problem(((a << 24) | (b << 16) | (c << 8) | d) >>> 0);
  }
  if (host === "localhost" || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return `a name that does not leave the local machine or site (${host})`;
  }
  if (!host.includes(".")) return `a single-label name, not a public DNS name (${host})`;
  return null;
}

/**
 * An address Llave's servers call (jwks_uri, back-channel logout URI): outside dev mode it
 * must name a public host. Other rules (https…) are the field's own, checked before.
 *
 * @example serverUrlProblem("https://10.0.0.5/logout", false) // "Llave calls this address …"
 * @example serverUrlProblem("http://localhost:8788/logout", true) // null
 */
export function serverUrlProblem(value: string, devMode: boolean): string | null {
  if (devMode || !URL.canParse(value)) return null;
  const what = nonPublicHost(new URL(value).hostname);
  return what
    ? `Llave calls this address from its servers, so it must be a public internet host; this is ${what}. Such addresses are accepted only with DEV_MODE`
    : null;
}
