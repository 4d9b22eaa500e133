/**
 * Authorization codes for the token benchmark, issued by each provider's own authorization
 * endpoint to a signed-in browser session (llave-sign-in.ts, oidc-provider.ts): nothing is
 * written into a provider's storage behind its back. Every code keeps its PKCE verifier, its
 * nonce and when it was issued. Both providers let a code live 60 s; the bench never redeems one
 * older than `--max-code-age` (45 s at most), so codes are minted in batches just before each
 * measured round.
 */
import { createHash, randomBytes } from "node:crypto";
import type { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { type Client, FunctionalError, header, type Reply, setCookies } from "./http.ts";
import type { OidcTarget } from "./oidc-target.ts";

/** The oldest code a round may redeem, in seconds (both providers' codes expire after 60 s). */
export const CODE_MAX_AGE_S = 45;

/**
 * By default codes are redeemed at most 10 s after they were issued: a relying party redeems
 * its code within a second of the redirect, and an older code measures opening an evicted
 * LoginObject again (see below) rather than the token endpoint. `--max-code-age 45` shows that.
 */
export const DEFAULT_CODE_AGE_S = 10;

/**
 * workerd evicts a Durable Object after 10 s without requests. Llave keeps each code in the
 * login transaction's LoginObject, so a code redeemed later than this may have to open it again,
 * which a relying party redeeming at once does not.
 */
export const WORKERD_IDLE_EVICTION_S = 10;

/** Codes minted per round, over what the provider's best round so far would redeem. */
export const MINT_HEADROOM = 1.3;

/**
 * How many codes a round wants: `perSecond` (the provider's best throughput so far) over the
 * warm-up and the measured window, with MINT_HEADROOM, plus two per virtual user in flight.
 * Minting stops early at `mintSecondsAllowed`, so no code outlives the round's maximum age.
 */
export function codesWanted(
  perSecond: number,
  shape: { vus: number; warmupS: number; durationS: number },
): number {
  return Math.ceil(perSecond * (shape.warmupS + shape.durationS) * MINT_HEADROOM) + 2 * shape.vus;
}

/** Minting time left once the round's warm-up, window and a 2 s margin are counted. */
export function mintSecondsAllowed(shape: {
  warmupS: number;
  durationS: number;
  maxCodeAgeS: number;
}): number {
  return shape.maxCodeAgeS - shape.warmupS - shape.durationS - 2;
}

export type AuthorizationRequest = { path: string; state: string; nonce: string; verifier: string };

export type IssuedCode = { code: string; verifier: string; nonce: string; issuedAt: number };

const random = () => randomBytes(24).toString("base64url");

/** A fresh authorization request: new state, nonce and PKCE verifier (S256). */
export function authorizationRequest(target: OidcTarget): AuthorizationRequest {
  const state = random();
  const nonce = random();
  const verifier = randomBytes(32).toString("base64url");
  const query = new URLSearchParams({
    response_type: "code",
    client_id: target.client.id,
    redirect_uri: target.client.redirectUri,
    scope: "openid",
    state,
    nonce,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const base = target.endpoints.authorization;
  return { path: `${base}${base.includes("?") ? "&" : "?"}${query}`, state, nonce, verifier };
}

/**
 * The code in `reply` if it redirects to the client (302 or 303), after checking `state` and,
 * when present, `iss` (RFC 9207); null if it redirects anywhere else.
 */
export function codeFromRedirect(
  target: OidcTarget,
  request: AuthorizationRequest,
  reply: Reply,
): string | null {
  const location = header(reply, "location");
  if ((reply.status !== 302 && reply.status !== 303) || location === undefined) return null;
  const url = new URL(location, target.issuer);
  if (`${url.origin}${url.pathname}` !== target.client.redirectUri) return null;
  const answer = url.searchParams;
  const fail = (why: string) => {
    throw new FunctionalError(`${target.name} authorization response ${why}: ${location}`);
  };
  if (answer.has("error")) fail("is an error");
  if (answer.get("state") !== request.state) fail("has another state");
  if (answer.has("iss") && answer.get("iss") !== target.issuer) fail("names another issuer");
  return answer.get("code") ?? fail("has no code");
}

/** One code from `session`'s single sign-on: the authorization endpoint answers at once. */
export async function mintCode(
  http: Client,
  target: OidcTarget,
  session: CookieJar,
): Promise<IssuedCode> {
  const request = authorizationRequest(target);
  const reply = await http.send({
    method: "GET",
    path: request.path,
    headers: { cookie: session.header },
  });
  session.store(setCookies(reply));
  const code = codeFromRedirect(target, request, reply);
  if (code === null) {
    throw new FunctionalError(
      `${target.name} GET authorization with a session: expected a redirect to the client with a code, ` +
        `got ${reply.status} ${header(reply, "location") ?? reply.text.slice(0, 200)}`,
    );
  }
  return { code, verifier: request.verifier, nonce: request.nonce, issuedAt: performance.now() };
}

export type MintedBatch = {
  codes: IssuedCode[];
  seconds: number;
  perSecond: number;
  /** Minting stopped at `maxSeconds`, short of the count asked for. */
  cutShort: boolean;
};

/**
 * Mints up to `count` codes with `workers` requests in flight, taking the sessions in turn, and
 * stops early after `maxSeconds` so that the first code is still fresh when the round ends.
 */
export async function mintCodes(
  http: Client,
  target: OidcTarget,
  sessions: readonly CookieJar[],
  options: { count: number; maxSeconds: number; workers: number },
): Promise<MintedBatch> {
  const codes: IssuedCode[] = [];
  const t = performance.now();
  const until = t + options.maxSeconds * 1000;
  let started = 0;
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      while (started < options.count && performance.now() < until) {
        const session = sessions[started++ % sessions.length] as CookieJar;
        codes.push(await mintCode(http, target, session));
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return {
    codes,
    seconds,
    perSecond: codes.length / seconds,
    cutShort: codes.length < options.count,
  };
}

/**
 * Hands out a batch's codes oldest first. It says "aged out" instead of handing out a code
 * older than `maxAgeS`, and "used up" when none is left: either way the round ends there.
 */
export class CodeQueue {
  readonly #codes: IssuedCode[];
  readonly #maxAgeS: number;
  #next = 0;
  ended: "used up" | "aged out" | null = null;
  /** Age in seconds of the oldest code handed out. */
  oldestS = 0;
  /** Codes handed out older than WORKERD_IDLE_EVICTION_S. */
  idleOverEviction = 0;

  constructor(codes: IssuedCode[], maxAgeS: number) {
    this.#codes = codes;
    this.#maxAgeS = maxAgeS;
  }

  get handedOut(): number {
    return this.#next;
  }

  get size(): number {
    return this.#codes.length;
  }

  take(): IssuedCode | undefined {
    const code = this.#codes[this.#next];
    if (code === undefined) {
      this.ended ??= "used up";
      return undefined;
    }
    const ageS = (performance.now() - code.issuedAt) / 1000;
    if (ageS > this.#maxAgeS) {
      this.ended ??= "aged out";
      return undefined;
    }
    this.#next++;
    this.oldestS = Math.max(this.oldestS, ageS);
    if (ageS > WORKERD_IDLE_EVICTION_S) this.idleOverEviction++;
    return code;
  }
}
