/**
 * The citizen app's DPoP proofs (citizen-app/src/proof.ts), made with Node's Web Crypto and
 * checked by an independent implementation (jose) as docs/mobile.md "Device proofs" describes
 * them: a `dpop+jwt` signed ES256 by the key in its header, that header's JWK with only the
 * public members, `htm`, `htu` without query, `iat`, a fresh `jti`, the nonce, and `bh` bound
 * to the body bytes only when there is a body.
 */
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  base64url,
  bodyHash,
  createProof,
  generateDeviceKeys,
  publicJwk,
} from "../../citizen-app/src/proof.ts";

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const sha256 = async (text: string) =>
  base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

async function verified(proof: string) {
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
    typ: "dpop+jwt",
    algorithms: ["ES256"],
    currentDate: new Date(NOW),
  });
  return { payload, header: protectedHeader };
}

describe("DPoP proof", () => {
  it("makes a non-extractable P-256 signing key whose public half exports", async () => {
    const keys = await generateDeviceKeys();
    expect(keys.privateKey.extractable).toBe(false);
    expect(keys.privateKey.usages).toEqual(["sign"]);
    expect(keys.privateKey.algorithm).toMatchObject({ name: "ECDSA", namedCurve: "P-256" });
    await expect(crypto.subtle.exportKey("jwk", keys.privateKey)).rejects.toThrow();
    expect(Object.keys(await publicJwk(keys.publicKey)).sort()).toEqual(["crv", "kty", "x", "y"]);
  });

  it("is a dpop+jwt verified by the embedded key, with the claims of a request with a body", async () => {
    const keys = await generateDeviceKeys();
    const body = JSON.stringify({ payload: "llave.ab.3.cd", note: "¿ñ?" });
    const proof = await createProof(keys, {
      method: "post",
      url: "https://llave.test/api/app/qr?ignored=1#frag",
      nonce: "n-123",
      body,
      now: NOW + 999,
    });
    const { payload, header } = await verified(proof);
    expect(header).toEqual({ typ: "dpop+jwt", alg: "ES256", jwk: await publicJwk(keys.publicKey) });
    expect(payload).toMatchObject({
      htm: "POST",
      htu: "https://llave.test/api/app/qr",
      iat: Math.floor(NOW / 1000),
      nonce: "n-123",
      bh: await sha256(body),
    });
    expect(payload.bh).toBe(await bodyHash(body));
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  });

  it("has no bh without a body and no nonce before the server sent one", async () => {
    const keys = await generateDeviceKeys();
    const proof = await createProof(keys, {
      method: "GET",
      url: "https://llave.test/api/app/inbox",
      now: NOW,
    });
    const { payload } = await verified(proof);
    expect(payload).not.toHaveProperty("bh");
    expect(payload).not.toHaveProperty("nonce");
    expect(Object.keys(payload).sort()).toEqual(["htm", "htu", "iat", "jti"]);
  });

  it("draws a new jti for every proof, and names the device by the key's thumbprint", async () => {
    const keys = await generateDeviceKeys();
    const request = { method: "GET", url: "https://llave.test/api/app/me", now: NOW };
    const [a, b] = await Promise.all([createProof(keys, request), createProof(keys, request)]);
    const [pa, pb] = await Promise.all([verified(a as string), verified(b as string)]);
    expect(pa.payload.jti).not.toBe(pb.payload.jti);
    const jwk = decodeProtectedHeader(a as string).jwk;
    if (!jwk) throw new Error("no jwk in the header");
    expect(await calculateJwkThumbprint(jwk)).toBe(
      await calculateJwkThumbprint(await publicJwk(keys.publicKey)),
    );
  });

  it("signs the body: a proof does not verify against another body's hash", async () => {
    const keys = await generateDeviceKeys();
    const proof = await createProof(keys, {
      method: "PATCH",
      url: "https://llave.test/api/app/devices/dev_1",
      body: JSON.stringify({ name: "Pixel 8" }),
      now: NOW,
    });
    const { payload } = await verified(proof);
    expect(payload.bh).not.toBe(await sha256(JSON.stringify({ name: "Pixel 9" })));
    const [header, claims, signature] = proof.split(".");
    const forged = JSON.parse(Buffer.from(claims as string, "base64url").toString());
    forged.bh = await sha256(JSON.stringify({ name: "Pixel 9" }));
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    await expect(verified(tampered)).rejects.toThrow();
  });
});
