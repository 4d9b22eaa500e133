/**
 * The opaque strings that stand for a grant: authorization codes and refresh tokens, both
 * `<handle>.<secret>`. The handle routes to the LoginObject that holds the grant (it is the
 * object's id, not the login id, so it opens nothing by itself); the 256-bit secret is what
 * proves possession, and only its SHA-256 is stored. Access tokens are JWTs (tokens.ts) whose
 * `jti` starts with the same handle, so a revoked grant stops them too.
 */
import { sha256 } from "../crypto/digest.ts";
import { type Random, randomToken } from "../crypto/random.ts";
import { HANDLE } from "../objects/ports.ts";

const TOKEN = new RegExp(`^(${HANDLE.source.slice(1, -1)})\\.[A-Za-z0-9_-]{43}$`);
const TOKEN_ID = new RegExp(`^(${HANDLE.source.slice(1, -1)})\\.`);

export type GrantToken = { value: string; hash: string };

export async function newGrantToken(handle: string, random: Random): Promise<GrantToken> {
  const value = `${handle}.${randomToken(random, 256)}`;
  return { value, hash: await sha256(value) };
}

/** The handle and digest of a presented code or refresh token, or null if malformed. */
export async function readGrantToken(
  value: string,
): Promise<{ handle: string; hash: string } | null> {
  const match = TOKEN.exec(value);
  if (!match?.[1]) return null;
  return { handle: match[1], hash: await sha256(value) };
}

/** An access token's `jti`: the grant's handle and a random part. */
export const accessTokenId = (handle: string, random: Random): string =>
  `${handle}.${randomToken(random, 96)}`;

export const handleOfTokenId = (jti: unknown): string | null =>
  typeof jti === "string" ? (TOKEN_ID.exec(jti)?.[1] ?? null) : null;
