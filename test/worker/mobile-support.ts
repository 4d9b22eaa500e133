/**
 * A citizen-app device for worker tests: a real non-extractable P-256 key made with Web Crypto,
 * and real DPoP proofs (RFC 9449, with the `bh` body hash of docs/mobile.md) on every call,
 * with the server's nonces. `activateDevice` goes through the real activation (SMS code from
 * the dev outbox). Nothing here reaches into storage: a test sees what the app would.
 */
import { exportJWK, SignJWT } from "jose";
import { base64url, cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";

const encoder = new TextEncoder();

export type Proof = { method: string; path: string; body: string | null; nonce?: string | null };

export class Device {
  readonly h: Harness;
  readonly keys: CryptoKeyPair;
  readonly jwk: JsonWebKey;
  nonce: string | null = null;
  id: string | null = null;

  private constructor(h: Harness, keys: CryptoKeyPair, jwk: JsonWebKey) {
    this.h = h;
    this.keys = keys;
    this.jwk = jwk;
  }

  static async create(h: Harness): Promise<Device> {
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const { kty, crv, x, y } = await exportJWK(keys.publicKey);
    return new Device(h, keys, { kty, crv, x, y } as JsonWebKey);
  }

  /** A DPoP proof for one request (override any claim to forge one). */
  async proof(p: Proof, claims: Record<string, unknown> = {}): Promise<string> {
    const bh =
      p.body && p.body.length > 0
        ? base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(p.body))))
        : undefined;
    return new SignJWT({
      jti: randomToken(cryptoRandom, 128),
      htm: p.method,
      htu: `${this.h.config.issuer}${p.path}`,
      iat: Math.floor(this.h.clock.now() / 1000),
      ...(p.nonce !== undefined
        ? p.nonce === null
          ? {}
          : { nonce: p.nonce }
        : this.nonce
          ? { nonce: this.nonce }
          : {}),
      ...(bh ? { bh } : {}),
      ...claims,
    })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: this.jwk as never })
      .sign(this.keys.privateKey);
  }

  /** One signed call, retried once with the server's nonce when it asks for one. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    proofHeader?: string,
  ): Promise<Response> {
    const text = body === undefined ? null : JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const dpop = proofHeader ?? (await this.proof({ method, path, body: text }));
      const response = await this.h.call(method, path, text ?? undefined, { dpop });
      const nonce = response.headers.get("dpop-nonce");
      if (nonce) this.nonce = nonce;
      if (response.status === 401 && attempt === 0 && !proofHeader) {
        const problem = (await response.clone().json()) as { code: string };
        if (problem.code === "use_dpop_nonce") continue;
      }
      return response;
    }
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    const response = await this.call(method, path, body);
    return { status: response.status, body: (await response.json()) as T };
  }
}

export const identity = (citizen: Citizen) => ({
  document: citizen.documentNumber,
  contrast: { kind: citizen.contrastKind, value: citizen.contrastValue },
});

/** The latest SMS code that activates the app, as the outbox holds it. */
export async function deviceCode(h: Harness, citizen: Citizen): Promise<string> {
  const messages = await h.outbox.list({ to: citizen.mobile ?? "", limit: 50 });
  const message = messages.find((m) => m.kind === "device_code");
  const code = message ? /\b\d{6,10}\b/.exec(message.text)?.[0] : undefined;
  if (!code) throw new Error(`no device code for ${citizen.id}`);
  return code;
}

/** Activates the app for `citizen` on a new device, through the real API. */
export async function activateDevice(h: Harness, citizen: Citizen, name = "Pixel de prueba") {
  const device = await Device.create(h);
  const started = await h.call("POST", "/api/app/activation", identity(citizen));
  if (started.status !== 202)
    throw new Error(`activation: ${started.status} ${await started.text()}`);
  const { activationId } = (await started.json()) as { activationId: string };
  const code = await deviceCode(h, citizen);
  const registered = await device.json<{ device: { id: string } }>("POST", "/api/app/devices", {
    ...identity(citizen),
    activationId,
    code,
    name,
  });
  if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered.body)}`);
  device.id = registered.body.device.id;
  return device;
}

export type MobileStatus = {
  mode: string;
  status: string;
  version: number;
  number: number | null;
  expiresAt: number | null;
  frame: string | null;
};

export type Approval = { id: string; choices: number[]; agency: string; mode: string };

/** Starts a QR login on `loginId`; the page's view of it. */
export async function startQr(h: Harness, loginId: string): Promise<MobileStatus> {
  const response = await h.call("POST", `/api/logins/${loginId}/mobile/qr`, {});
  if (response.status !== 201) throw new Error(`qr: ${response.status} ${await response.text()}`);
  return (await response.json()) as MobileStatus;
}

/** The page's status, without waiting. */
export async function mobileStatus(h: Harness, loginId: string): Promise<MobileStatus> {
  const response = await h.call("GET", `/api/logins/${loginId}/mobile`);
  return (await response.json()) as MobileStatus;
}

export const scan = (device: Device, payload: string) =>
  device.json<{ approval: Approval; code?: string }>("POST", "/api/app/qr", { payload });

export const answer = (device: Device, id: string, body: Record<string, unknown>) =>
  device.json<{ status?: string; code?: string }>("POST", `/api/app/approvals/${id}`, body);
