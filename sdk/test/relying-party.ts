/**
 * A relying party wired to a fresh fake provider before each test, with the helpers the
 * client-side suites share: `login()` to start a request whose token answer a test shapes,
 * `reconfigure()` for a client with other options on the same provider, `sent()` for what the
 * client last sent to an endpoint, and `failure()` to await a `LlaveError`.
 */
import { beforeEach, expect } from "vitest";
import type { AuthorizationRequestOptions } from "../src/authorization-request.ts";
import { createClient, type LlaveClient } from "../src/client.ts";
import { LlaveError } from "../src/errors.ts";
import type { ClientOptions } from "../src/options.ts";
import {
  CLIENT_ID,
  callbackUrl,
  type FakeOp,
  fakeOp,
  ISSUER,
  REDIRECT_URI,
  SECRET,
} from "./fake-op.ts";

export type RelyingParty = {
  op: FakeOp;
  client: LlaveClient;
  /** Replaces `client` with one on the same provider, with `options` over the defaults. */
  reconfigure(options: Partial<ClientOptions>): void;
  /** The first request the client sent to `path`: its form and Authorization header. */
  sent(path: string): { form: Record<string, string>; authorization: string | null } | undefined;
  /** Starts a request; the token endpoint will answer with `overrides` in the ID token. */
  login(
    overrides?: Record<string, unknown>,
    options?: Partial<AuthorizationRequestOptions>,
  ): ReturnType<typeof login>;
};

async function login(
  rp: RelyingParty,
  overrides: Record<string, unknown> = {},
  options: Partial<AuthorizationRequestOptions> = {},
) {
  const request = await rp.client.createAuthorizationRequest({
    redirectUri: REDIRECT_URI,
    scope: "profile",
    ...options,
  });
  rp.op.answerTokens(async () =>
    Response.json(await rp.op.tokens({ nonce: request.nonce, ...overrides })),
  );
  const url = callbackUrl({ code: "code-1", state: request.state, iss: ISSUER });
  return { request, url, expected: request.expected };
}

/** Registers a `beforeEach` that gives the returned object a new provider and client. */
export function relyingParty(): RelyingParty {
  const rp = {
    login: (overrides, options) => login(rp, overrides, options),
    reconfigure(options) {
      const defaults = { issuer: ISSUER, clientId: CLIENT_ID, fetch: rp.op.fetch, now: rp.op.now };
      const credentials = "privateKey" in options ? {} : { clientSecret: SECRET };
      rp.client = createClient({ ...defaults, ...credentials, ...options } as ClientOptions);
    },
    sent(path) {
      const request = rp.op.requests.find((r) => r.path === path);
      return (
        request && {
          form: Object.fromEntries(request.form),
          authorization: request.headers.get("authorization"),
        }
      );
    },
  } as RelyingParty;
  beforeEach(async () => {
    rp.op = await fakeOp();
    rp.reconfigure({});
  });
  return rp;
}

/** The `LlaveError` a promise rejects with (the test fails if it resolves or throws another). */
export async function failure(promise: Promise<unknown>): Promise<LlaveError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlaveError);
  return error as LlaveError;
}
