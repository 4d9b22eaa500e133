/**
 * The shared login flow (login-flow.ts) on Deno, with the built package imported by its name,
 * as an agency imports it (`@llave/sdk` → package.json `exports` → `dist/`), against a real
 * Llave. test/node/deno.ts runs it and plays the citizen's
 * browser; they speak one JSON object a line, Node → Deno on stdin, Deno → Node on stdout:
 *
 *   → { "setup": LoginFlowSetup }       ← { "authorize": url }
 *   → { "callback": url }               ← { "report": LoginFlowReport } or { "error": message }
 *
 * Needs network access to the provider only; exits non-zero if anything fails.
 */
import * as sdk from "@llave/sdk";
import { type LoginFlowSetup, loginFlow } from "./login-flow.ts";

let buffered = "";
const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).pipeThrough(
  new TransformStream<string, string>({
    transform(chunk, controller) {
      const parts = (buffered + chunk).split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) if (line.trim()) controller.enqueue(line);
    },
  }),
);
const reader = lines.getReader();

async function receive(key: string): Promise<unknown> {
  const { value, done } = await reader.read();
  if (done) throw new Error(`stdin closed while waiting for ${key}`);
  const message = JSON.parse(value) as Record<string, unknown>;
  if (!(key in message)) throw new Error(`expected ${key}, got ${Object.keys(message)}`);
  return message[key];
}

const send = (message: Record<string, unknown>) => console.log(JSON.stringify(message));

try {
  const setup = (await receive("setup")) as LoginFlowSetup;
  const report = await loginFlow(sdk, setup, async (url) => {
    send({ authorize: url.href });
    return String(await receive("callback"));
  });
  send({ report });
} catch (error) {
  send({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  console.error(error);
  Deno.exitCode = 1;
} finally {
  reader.releaseLock();
}
