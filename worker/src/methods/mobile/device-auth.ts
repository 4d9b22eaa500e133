/**
 * Who is calling the app API: the device whose key signed the request's DPoP proof
 * (device-proof.ts), and its citizen. Every app request goes through `proven`; a refused
 * proof is a 401 problem, and every answer carries a fresh `DPoP-Nonce` for the next one.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps } from "../../app.ts";
import { Problem } from "../../errors.ts";
import type { Citizen } from "../../storage/account-store.ts";
import type { Device } from "../../storage/device-store.ts";
import { JTI_TTL_MS, makeNonce, type VerifiedProof, verifyProof } from "./device-proof.ts";

export type DeviceVars = {
  proof: VerifiedProof;
  device: Device;
  citizen: Citizen;
};
export type DeviceEnv = { Variables: DeviceVars };

/** The nonce key: the PIN pepper, under its own HMAC domain ("llave-dpop-nonce"). */
const nonceKey = (deps: AppDeps) => deps.config.pinPepper;

/** Adds a fresh nonce to whatever the handler answered, errors included. */
export const withNonce =
  (deps: AppDeps): MiddlewareHandler =>
  async (c, next) => {
    await next();
    c.res.headers.set("dpop-nonce", await makeNonce(nonceKey(deps), deps.clock.now()));
    c.res.headers.set("access-control-expose-headers", "DPoP-Nonce");
  };

/** Checks the request's proof; throws the 401 the app should act on. */
export async function checkProof(deps: AppDeps, c: Context): Promise<VerifiedProof> {
  const now = deps.clock.now();
  const body = c.req.method === "GET" || c.req.method === "HEAD" ? null : await c.req.arrayBuffer();
  const result = await verifyProof(
    c.req.header("dpop"),
    {
      method: c.req.method,
      url: deps.config.issuer + c.req.path,
      body: body ? new Uint8Array(body) : null,
      now,
    },
    { key: nonceKey(deps), ttlMs: deps.config.mobile.nonceTtlMs },
  );
  if (result.ok) return result.proof;
  if (result.reason === "use_nonce") {
    throw new Problem(
      "use_dpop_nonce",
      "Sign the request again with the nonce in DPoP-Nonce",
      {},
      {
        "www-authenticate": 'DPoP error="use_dpop_nonce"',
      },
    );
  }
  throw new Problem(
    "invalid_dpop_proof",
    result.reason === "missing" ? "This request needs a DPoP proof" : undefined,
    {},
    { "www-authenticate": 'DPoP error="invalid_dpop_proof"' },
  );
}

/**
 * Requires a proof by an active device of an active citizen, and accepts its `jti` once (in the
 * citizen's object). Sets `proof`, `device` and `citizen`.
 */
export const proven =
  (deps: AppDeps): MiddlewareHandler<DeviceEnv> =>
  async (c, next) => {
    const proof = await checkProof(deps, c);
    const device = await deps.devices.byThumbprint(proof.thumbprint);
    const citizen =
      device?.status === "active" ? await deps.accounts.findById(device.citizenId) : null;
    if (!device || !citizen || citizen.status !== "active") {
      throw new Problem(
        "device_unknown",
        undefined,
        {},
        {
          "www-authenticate": 'DPoP error="invalid_token"',
        },
      );
    }
    const now = deps.clock.now();
    const fresh = await deps.apps.acceptProof(citizen.id, {
      jti: proof.jti,
      now,
      ttlMs: JTI_TTL_MS,
    });
    if (!fresh) throw new Problem("invalid_dpop_proof", "This proof was already used");
    c.set("proof", proof);
    c.set("device", device);
    c.set("citizen", citizen);
    await next();
    c.executionCtx.waitUntil(deps.devices.touch(device.id, now).catch(() => undefined));
  };
