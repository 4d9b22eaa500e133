/**
 * Before any figure is taken, one code of each provider is redeemed and its ID token validated
 * with jose as a relying party would: ES256 signature against the provider's JWKS, `iss`,
 * `aud`, the nonce of the authorization request, `exp`, and a `sub`. A provider that answers
 * the token endpoint fast but wrong is not measured.
 */
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import type { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { type IssuedCode, mintCode } from "./codes.ts";
import { type Client, expectStatus, FunctionalError } from "./http.ts";
import type { OidcTarget } from "./oidc-target.ts";
import { tokenRequester, tokenResponse } from "./token-request.ts";

export type VerifiedIdToken = { alg: string; kid: string | null; sub: string; claims: string[] };

export async function verifyIdToken(
  http: Client,
  target: OidcTarget,
  code: IssuedCode,
  idToken: string,
): Promise<VerifiedIdToken> {
  const reply = await http.get(target.endpoints.jwks);
  expectStatus(`${target.name} GET jwks`, reply, 200);
  const jwks = createLocalJWKSet(JSON.parse(reply.text) as JSONWebKeySet);
  try {
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
      issuer: target.issuer,
      audience: target.client.id,
      algorithms: ["ES256"],
      requiredClaims: ["sub", "iat", "exp"],
    });
    if (payload.nonce !== code.nonce)
      throw new Error(`nonce ${payload.nonce} is not the request's`);
    return {
      alg: protectedHeader.alg,
      kid: protectedHeader.kid ?? null,
      sub: payload.sub ?? "",
      claims: Object.keys(payload).sort(),
    };
  } catch (error) {
    throw new FunctionalError(
      `${target.name} ID token rejected: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** Mints one code with `session`, redeems it and validates the ID token it brings. */
export async function checkIdToken(
  http: Client,
  target: OidcTarget,
  session: CookieJar,
): Promise<VerifiedIdToken> {
  const code = await mintCode(http, target, session);
  const reply = await http.send(tokenRequester(target)(code));
  return verifyIdToken(http, target, code, tokenResponse(target, reply).id_token);
}
