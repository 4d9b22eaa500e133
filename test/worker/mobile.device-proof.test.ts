/**
 * Device proofs (docs/mobile.md "Device proofs"): every app request is signed by the device
 * key as a DPoP proof with a server nonce and the body's hash. A proof without a fresh nonce,
 * replayed, aimed at another URL or method, carrying another body, or signed by another key is
 * refused — so an approval cannot be altered or replayed in transit.
 */
import { exportJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { activateDevice, newDevice, startQr } from "./mobile-support.ts";

const code = async (r: Response) => ((await r.json()) as { code: string }).code;

describe("device proofs", () => {
  it("asks for a nonce, then accepts the proof that carries it", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    const noNonce = await device.proof({
      method: "GET",
      path: "/api/app/me",
      body: null,
      nonce: null,
    });
    const first = await h.call("GET", "/api/app/me", undefined, { dpop: noNonce });
    expect(first.status).toBe(401);
    expect(await code(first)).toBe("use_dpop_nonce");
    const nonce = first.headers.get("dpop-nonce");
    expect(nonce).toBeTruthy();
    const good = await device.proof({ method: "GET", path: "/api/app/me", body: null, nonce });
    expect((await h.call("GET", "/api/app/me", undefined, { dpop: good })).status).toBe(200);
  });

  it("refuses a nonce past its lifetime", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    h.clock.advance(h.config.mobile.nonceTtlMs + 1000);
    const stale = await device.proof({ method: "GET", path: "/api/app/me", body: null });
    const response = await h.call("GET", "/api/app/me", undefined, { dpop: stale });
    expect(await code(response)).toBe("use_dpop_nonce");
  });

  it("accepts each proof once", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    const proof = await device.proof({ method: "GET", path: "/api/app/inbox", body: null });
    expect((await h.call("GET", "/api/app/inbox", undefined, { dpop: proof })).status).toBe(200);
    const replay = await h.call("GET", "/api/app/inbox", undefined, { dpop: proof });
    expect(replay.status).toBe(401);
    expect(await code(replay)).toBe("invalid_dpop_proof");
  });

  it("refuses a proof made for another URL, method or body", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    const loginId = await h.startLogin();
    const qr = await startQr(h, loginId);
    const body = JSON.stringify({ payload: qr.frame });
    const cases = [
      await device.proof({ method: "POST", path: "/api/app/devices", body }),
      await device.proof({ method: "PUT", path: "/api/app/qr", body }),
      await device.proof({
        method: "POST",
        path: "/api/app/qr",
        body: JSON.stringify({ payload: "x" }),
      }),
      await device.proof({ method: "POST", path: "/api/app/qr", body }, { bh: undefined }),
      await device.proof(
        { method: "POST", path: "/api/app/qr", body },
        { iat: Math.floor(h.clock.now() / 1000) - 600 },
      ),
    ];
    for (const dpop of cases) {
      const response = await h.call("POST", "/api/app/qr", body, { dpop });
      expect(response.status).toBe(401);
      expect(await code(response)).toBe("invalid_dpop_proof");
    }
    const good = await device.proof({ method: "POST", path: "/api/app/qr", body });
    expect((await h.call("POST", "/api/app/qr", body, { dpop: good })).status).toBe(200);
  });

  it("refuses a proof whose embedded key did not sign it, and an unregistered key", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    const stranger = await newDevice(h);
    stranger.nonce = device.nonce;
    // The registered public key in the header, signed with another private key.
    const forged = await new SignJWT({
      jti: "a".repeat(22),
      htm: "GET",
      htu: `${h.config.issuer}/api/app/me`,
      iat: Math.floor(h.clock.now() / 1000),
      nonce: device.nonce,
    })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: device.jwk as never })
      .sign(stranger.keys.privateKey);
    expect(await code(await h.call("GET", "/api/app/me", undefined, { dpop: forged }))).toBe(
      "invalid_dpop_proof",
    );
    const unknown = await stranger.call("GET", "/api/app/me");
    expect(await code(unknown)).toBe("device_unknown");
  });

  it("refuses proofs of the wrong type or algorithm, and a private key in the header", async () => {
    const h = harness();
    const device = await activateDevice(h, await h.registerCitizen());
    const claims = {
      jti: "b".repeat(22),
      htm: "GET",
      htu: `${h.config.issuer}/api/app/me`,
      iat: Math.floor(h.clock.now() / 1000),
      nonce: device.nonce,
    };
    const extractable = (await crypto.subtle.generateKey(
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const privateJwk = await exportJWK(extractable.privateKey);
    const proofs = [
      await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", typ: "JWT", jwk: device.jwk as never })
        .sign(device.keys.privateKey),
      await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: privateJwk as never })
        .sign(extractable.privateKey),
      "not.a.jwt",
    ];
    for (const dpop of proofs) {
      const response = await h.call("GET", "/api/app/me", undefined, { dpop });
      expect(response.status).toBe(401);
      expect(await code(response)).toBe("invalid_dpop_proof");
    }
    expect(await code(await h.call("GET", "/api/app/me"))).toBe("invalid_dpop_proof");
  });
});
