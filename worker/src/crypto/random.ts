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

/** Bytes as unpadded base64url. */
export function base64url(bytes: Uint8Array): string {
  // One fromCharCode per chunk, not per byte: this encodes every token the provider signs.
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary).replace(BASE64URL, base64urlChar);
}

/** An opaque identifier with `bits` bits of entropy, e.g. for login transactions. */
export const randomToken = (random: Random, bits = 128): string =>
  base64url(random.bytes(Math.ceil(bits / 8)));
