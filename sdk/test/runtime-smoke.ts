/**
 * A runtime smoke test of the built package (`dist/`), without a test framework, for runtimes
 * other than Node: `deno run test/runtime-smoke.ts`, with no permission (or
 * `bun test/runtime-smoke.ts`, `node test/runtime-smoke.ts`). A login against the in-process
 * fake provider succeeds, and a callback without `iss` is refused. Exits non-zero on failure.
 */
import { createClient, isLlaveError } from "../dist/index.js";
import { CLIENT_ID, callbackUrl, fakeOp, ISSUER, REDIRECT_URI, SECRET } from "./fake-op.ts";

const op = await fakeOp();
const client = createClient({
  issuer: ISSUER,
  clientId: CLIENT_ID,
  clientSecret: SECRET,
  fetch: op.fetch,
  now: op.now,
});

const request = await client.createAuthorizationRequest({ redirectUri: REDIRECT_URI, acr: "low" });
op.answerTokens(async () => Response.json(await op.tokens({ nonce: request.nonce })));
const { claims } = await client.handleCallback(
  callbackUrl({ code: "c", state: request.state, iss: ISSUER }),
  request.expected,
);
if (claims.sub !== "citizen-1") throw new Error(`unexpected sub ${claims.sub}`);

const refused = await client
  .handleCallback(callbackUrl({ code: "c", state: request.state }), request.expected)
  .then(
    () => null,
    (error: unknown) => error,
  );
if (!isLlaveError(refused, "missing_iss")) throw new Error("a callback without iss was accepted");

console.log("runtime smoke: ok");
