/**
 * DPoP proofs (RFC 9449) made with the device key, exactly as docs/mobile.md "Device proofs"
 * asks: a compact JWS with header `{typ: "dpop+jwt", alg: "ES256", jwk}` (the public key's
 * kty, crv, x and y only, never more), and claims `jti`, `htm`, `htu`, `iat`, `nonce` (once
 * the server has sent one) and, when the request has a body, `bh`: base64url(SHA-256(body)),
 * which binds the body to the signature.
 *
 * Web Crypto's ECDSA signature is already the JWS form (r‖s, 64 bytes for P-256), so no DER
 * conversion. Only Web APIs are used: the same module runs in the app and in Node's tests.
 */

type Subtle = typeof crypto.subtle;
/** A Web Crypto key (typed through `subtle.sign` so that Node's and the DOM's types agree). */
export type DeviceKey = Parameters<Subtle["sign"]>[1];
export type DeviceKeys = { privateKey: DeviceKey; publicKey: DeviceKey };

/** The public key as the proof's header carries it: nothing but these four members. */
export type PublicJwk = { kty: "EC"; crv: "P-256"; x: string; y: string };

export type ProofRequest = {
  /** `GET`, `POST`, `PATCH`, `DELETE` … */
  method: string;
  /** The issuer origin plus the path; a query or fragment is dropped. */
  url: string;
  /** The latest `DPoP-Nonce` the server sent, if any. */
  nonce?: string | null;
  /** The exact bytes (or text, sent as UTF-8) of the request body; absent when there is none. */
  body?: string | Uint8Array<ArrayBuffer> | null;
  /** Milliseconds since the epoch, on the server's clock as well as the caller knows it. */
  now: number;
};

const text = new TextEncoder();

/** RFC 4648 §5 base64url, without padding. */
export function base64url(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const encodeJson = (value: unknown): string => base64url(text.encode(JSON.stringify(value)));

/**
 * A new device key: P-256 ECDSA whose private half can never be exported, only used to sign.
 * The pair can be kept in IndexedDB as it is (structured clone keeps it non-extractable).
 *
 * @example
 * const keys = await generateDeviceKeys();
 * const jwk = await publicJwk(keys.publicKey); // { kty: "EC", crv: "P-256", x, y }
 */
export async function generateDeviceKeys(): Promise<DeviceKeys> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
  ]);
  return pair as DeviceKeys;
}

/** The public key's JWK, reduced to the members RFC 7638 thumbprints (and the server) use. */
export async function publicJwk(publicKey: DeviceKey): Promise<PublicJwk> {
  const jwk = await crypto.subtle.exportKey("jwk", publicKey);
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y) {
    throw new Error("the device key is not a P-256 key");
  }
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
}

/** base64url(SHA-256(body)): the `bh` claim. */
export async function bodyHash(body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof body === "string" ? text.encode(body) : body;
  return base64url(await crypto.subtle.digest("SHA-256", bytes));
}

/** `htu`: the URL without query and fragment. */
export function targetUri(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * A DPoP proof for one request. Each call draws a fresh `jti` (128 random bits): a proof is
 * accepted once, so a retry needs a new one.
 *
 * @example
 * const proof = await createProof(keys, {
 *   method: "POST",
 *   url: "https://llave.example/api/app/qr",
 *   nonce,
 *   body: JSON.stringify({ payload }),
 *   now: Date.now(),
 * });
 * fetch("/api/app/qr", { method: "POST", headers: { DPoP: proof }, body });
 */
export async function createProof(keys: DeviceKeys, request: ProofRequest): Promise<string> {
  const header = { typ: "dpop+jwt", alg: "ES256", jwk: await publicJwk(keys.publicKey) };
  const claims: Record<string, string | number> = {
    jti: base64url(crypto.getRandomValues(new Uint8Array(16))),
    htm: request.method.toUpperCase(),
    htu: targetUri(request.url),
    iat: Math.floor(request.now / 1000),
  };
  if (request.nonce) claims.nonce = request.nonce;
  if (request.body !== undefined && request.body !== null) {
    claims.bh = await bodyHash(request.body);
  }
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    keys.privateKey,
    text.encode(signingInput),
  );
  return `${signingInput}.${base64url(signature)}`;
}
