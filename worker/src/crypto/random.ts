/**
 * Randomness as an injected port, so tests can pin it without patching globals.
 * The production implementation is the platform CSPRNG (`crypto.getRandomValues`).
 */
export interface Random {
  /** Fills and returns `n` cryptographically random bytes. */
  bytes(n: number): Uint8Array;
}

export const cryptoRandom: Random = {
  bytes(n) {
    const out = new Uint8Array(n);
    crypto.getRandomValues(out);
    return out;
  },
};

/**
 * A uniformly random string of `length` characters from `alphabet`, by rejection sampling so
 * that no character is more likely than another (a plain `byte % n` would bias).
 *
 * @example randomString(cryptoRandom, "0123456789", 6) // "402913"
 */
export function randomString(random: Random, alphabet: string, length: number): string {
  const n = alphabet.length;
  if (n < 2 || n > 256) throw new RangeError("alphabet must have 2..256 characters");
  const limit = 256 - (256 % n);
  let out = "";
  while (out.length < length) {
    for (const byte of random.bytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % n];
      if (out.length === length) break;
    }
  }
  return out;
}

const BASE64URL = /[+/=]/g;
const base64urlChar = (c: string) => (c === "+" ? "-" : c === "/" ? "_" : "");

/** Bytes per String.fromCharCode call: well under any engine's limit on arguments. */
const CHUNK = 8192;

/** Bytes as unpadded base64url, without the native encoder. */
export function base64urlPortable(bytes: Uint8Array): string {
  // One fromCharCode per chunk, not per byte: this encodes every token the provider signs.
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary).replace(BASE64URL, base64urlChar);
}

/**
 * `Uint8Array.prototype.toBase64` (ES2026): workerd has it, Node 24 not yet, and the
 * TypeScript lib we target does not declare it. Native, it is about twice as fast.
 */
type ToBase64 = (this: Uint8Array, options: { alphabet: "base64url"; omitPadding: true }) => string;
const toBase64 = (Uint8Array.prototype as { toBase64?: ToBase64 }).toBase64;
const URL_SAFE = { alphabet: "base64url", omitPadding: true } as const;

/** Bytes as unpadded base64url. */
export const base64url: (bytes: Uint8Array) => string = toBase64
  ? (bytes) => toBase64.call(bytes, URL_SAFE)
  : base64urlPortable;

/** An opaque identifier with `bits` bits of entropy, e.g. for login transactions. */
export const randomToken = (random: Random, bits = 128): string =>
  base64url(random.bytes(Math.ceil(bits / 8)));
