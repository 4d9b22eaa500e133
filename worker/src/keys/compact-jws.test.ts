import { compactVerify, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { compactSigner, type JwsAlg } from "./compact-jws.ts";

const claims = { iss: "https://llave.test", sub: "cit_1", iat: 1_700_000_000, name: "José Núñez" };

describe("compactSigner", () => {
  it.each<JwsAlg>(["ES256", "RS256"])("signs a %s JWS that jose verifies", async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const sign = compactSigner({ alg, kid: "k1", key: privateKey });
    const token = await sign("at+jwt", claims);
    expect(decodeProtectedHeader(token)).toEqual({ alg, kid: "k1", typ: "at+jwt" });
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [alg],
      typ: "at+jwt",
      currentDate: new Date(claims.iat * 1000),
    });
    expect(payload).toEqual(claims);
  });

  it("keeps each type's header apart and every signature its own", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const sign = compactSigner({ alg: "ES256", kid: "k1", key: privateKey });
    const [a, b] = [await sign("JWT", claims), await sign("at+jwt", claims)];
    expect(decodeProtectedHeader(a).typ).toBe("JWT");
    expect(decodeProtectedHeader(b).typ).toBe("at+jwt");
    // ES256 is randomised: the same input never gives the same signature.
    expect(await sign("JWT", claims)).not.toBe(a);
    await expect(compactVerify(a, publicKey)).resolves.toBeTruthy();
    // The payload's first character changed: it carries six bits of data, never padding bits.
    const [header, payload = "", signature] = a.split(".");
    const tampered = `${header}.${payload.startsWith("A") ? "B" : "A"}${payload.slice(1)}.${signature}`;
    await expect(compactVerify(tampered, publicKey)).rejects.toThrow();
  });
});
