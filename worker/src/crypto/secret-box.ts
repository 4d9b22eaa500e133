/**
 * Secrets the server must read back — not just compare — such as the TOTP seed of a citizen-app
 * device, sealed at rest with AES-256-GCM. The key is derived with HKDF-SHA256 from a configured
 * secret that never reaches the database (a pepper) and an `info` naming the use, so a copy of
 * the accounts database alone opens nothing, and one pepper yields unrelated keys per use.
 *
 * Each sealed value is bound to where it is stored (`context`, the AEAD's additional data): a
 * value copied into another row does not open there. Sealed form:
 * `v1.` + base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag), the IV from the Random port.
 *
 * @example
 * const box = secretBox(config.password.pepper, "llave-totp", random);
 * const sealed = await box.seal(seed, `device:${id}`);
 * const seed = await box.open(sealed, `device:${id}`); // null if tampered, moved or re-peppered
 */
import { base64url, type Random } from "./random.ts";

const encoder = new TextEncoder();
const VERSION = "v1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

type AesKey = Awaited<ReturnType<typeof crypto.subtle.deriveKey>>;
// Derived once per isolate and use: deriving costs more than sealing a few bytes.
const keys = new Map<string, Promise<AesKey>>();

function derivedKey(secret: string, info: string): Promise<AesKey> {
  const id = `${info}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(info) },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(id, key);
  }
  return key;
}

/** Unpadded base64url to bytes; null for anything else. */
function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export type SecretBox = {
  /** Seals `plain` for the place named by `context`. */
  seal(plain: Uint8Array, context: string): Promise<string>;
  /** The plain bytes, or null when `sealed` is malformed, altered, moved or under another key. */
  open(sealed: string, context: string): Promise<Uint8Array | null>;
};

export function secretBox(secret: string, info: string, random: Random): SecretBox {
  return {
    async seal(plain, context) {
      const iv = new Uint8Array(random.bytes(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
        await derivedKey(secret, info),
        new Uint8Array(plain),
      );
      const out = new Uint8Array(IV_BYTES + sealed.byteLength);
      out.set(iv);
      out.set(new Uint8Array(sealed), IV_BYTES);
      return VERSION + base64url(out);
    },
    async open(sealed, context) {
      if (!sealed.startsWith(VERSION)) return null;
      const bytes = fromBase64url(sealed.slice(VERSION.length));
      if (!bytes || bytes.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          {
            name: "AES-GCM",
            iv: bytes.subarray(0, IV_BYTES),
            additionalData: encoder.encode(context),
          },
          await derivedKey(secret, info),
          bytes.subarray(IV_BYTES),
        );
        return new Uint8Array(plain);
      } catch {
        return null;
      }
    },
  };
}
