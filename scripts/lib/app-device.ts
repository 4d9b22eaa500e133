/**
 * A citizen-app device outside the browser: a non-extractable P-256 key made with Web Crypto
 * and the app API spoken over any `fetch`, every request proved with a DPoP proof (RFC 9449,
 * with the `bh` body hash) and the server's nonces, exactly as citizen-app/src/proof.ts does.
 * Worker tests (through the harness), Node tests and the benchmark drive the real API with it.
 *
 * @example
 * const device = await AppDevice.create({ fetch, issuer: "http://localhost:8787" });
 * await device.activate(identity, () => readSmsCode());
 * await device.json("GET", "/api/app/inbox");
 */
import { type CryptoKey, exportJWK, type JWK, SignJWT } from "jose";
import { Secret, TOTP } from "otpauth/slim";

const encoder = new TextEncoder();

type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey };

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const randomId = () => base64url(crypto.getRandomValues(new Uint8Array(16)));

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
export type Identity = { document: string; contrast: { kind?: string; value: string } };
/** The step-up codes' setup, as the registration answer carries it (once). */
export type TotpSetup = { secret: string; algorithm: string; digits: number; period: number };
export type ProofRequest = {
  method: string;
  path: string;
  body: string | null;
  nonce?: string | null;
};

export class AppDevice {
  readonly keys: KeyPair;
  readonly jwk: JWK;
  nonce: string | null = null;
  id: string | null = null;
  /** The seed of this device's step-up codes, from the registration answer. */
  totp: TotpSetup | null = null;
  readonly #fetch: Fetch;
  readonly #issuer: string;
  readonly #now: () => number;

  private constructor(options: DeviceOptions, keys: KeyPair, jwk: JWK) {
    this.#fetch = options.fetch;
    this.#issuer = options.issuer;
    this.#now = options.now ?? Date.now;
    this.keys = keys;
    this.jwk = jwk;
  }

  static async create(options: DeviceOptions): Promise<AppDevice> {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ])) as KeyPair;
    const { kty, crv, x, y } = await exportJWK(keys.publicKey);
    return new AppDevice(options, keys, { kty, crv, x, y } as JWK);
  }

  /** A DPoP proof for one request; `claims` overrides any claim (to forge one in a test). */
  async proof(p: ProofRequest, claims: Record<string, unknown> = {}): Promise<string> {
    const bh =
      p.body && p.body.length > 0
        ? base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(p.body))))
        : undefined;
    const nonce = p.nonce === undefined ? this.nonce : p.nonce;
    return new SignJWT({
      jti: randomId(),
      htm: p.method,
      htu: `${this.#issuer}${p.path}`,
      iat: Math.floor(this.#now() / 1000),
      ...(nonce ? { nonce } : {}),
      ...(bh ? { bh } : {}),
      ...claims,
    })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: this.jwk })
      .sign(this.keys.privateKey);
  }

  /** One proved call, retried once with the server's nonce when it asks for one. */
  async call(method: string, path: string, body?: unknown): Promise<Response> {
    const text = body === undefined ? null : JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        dpop: await this.proof({ method, path, body: text }),
      };
      if (text !== null) headers["content-type"] = "application/json";
      const response = await this.#fetch(`${this.#issuer}${path}`, {
        method,
        headers,
        ...(text !== null ? { body: text } : {}),
      });
      const nonce = response.headers.get("dpop-nonce");
      if (nonce) this.nonce = nonce;
      if (response.status === 401 && attempt === 0) {
        const problem = (await response.clone().json()) as { code?: string };
        if (problem.code === "use_dpop_nonce") continue;
      }
      return response;
    }
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    const response = await this.call(method, path, body);
    return { status: response.status, body: (await response.json()) as T };
  }

  /**
   * Activates the app on this device for `identity`: asks for the SMS code, reads it with
   * `smsCode` (e.g. from the dev outbox) and registers the key.
   */
  async activate(
    identity: Identity,
    smsCode: () => Promise<string>,
    name = "Device",
  ): Promise<string> {
    const started = await this.#fetch(`${this.#issuer}/api/app/activation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(identity),
    });
    if (started.status !== 202) {
      throw new Error(`activation: ${started.status} ${await started.text()}`);
    }
    const { activationId } = (await started.json()) as { activationId: string };
    const code = await smsCode();
    const registered = await this.json<{ device: { id: string }; totp: TotpSetup }>(
      "POST",
      "/api/app/devices",
      { ...identity, activationId, code, name },
    );
    if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered.body)}`);
    this.id = registered.body.device.id;
    this.totp = registered.body.totp;
    return this.id;
  }

  /** The step-up code this device shows at `now` (epoch ms; the device's clock by default). */
  totpCode(now = this.#now()): string {
    if (!this.totp) throw new Error("this device has no step-up codes: activate it first");
    const { secret, algorithm, digits, period } = this.totp;
    return TOTP.generate({
      secret: Secret.fromBase32(secret),
      algorithm,
      digits,
      period,
      timestamp: now,
    });
  }
}

export type DeviceOptions = {
  fetch: Fetch;
  /** The issuer origin: what every proof's `htu` starts with. */
  issuer: string;
  /** The clock proofs are dated with (tests move it). */
  now?: () => number;
};

/** The SMS code that activates the app, from a message text; null if there is none. */
export const deviceCodeIn = (text: string): string | null => /\b\d{6,10}\b/.exec(text)?.[0] ?? null;
