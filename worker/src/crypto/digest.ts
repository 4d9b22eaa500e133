/** SHA-256 digests for full-entropy secrets (codes, tokens, session and client secrets). */
import { base64url } from "./random.ts";

const encoder = new TextEncoder();

/** SHA-256 of the UTF-8 text, as unpadded base64url. */
export async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

// Imported keys are kept per isolate: there are a few (pepper, subject salt), each used on
// hot paths, and importing costs more than signing.
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const hmacKeys = new Map<string, Promise<HmacKey>>();

function hmacKey(secret: string): Promise<HmacKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    hmacKeys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `message` under the secret `key`, as unpadded base64url. */
export async function hmacSha256(key: string, message: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(key), encoder.encode(message));
  return base64url(new Uint8Array(mac));
}
