/**
 * The shared login flow on Deno (the npm package `deno`), with the built @llave/sdk: builds
 * `sdk/dist` as it is published, runs sdk/test/deno-login-flow.ts with network access to the
 * provider's host and port only — no file, environment or other permission — and plays the
 * citizen's browser for it through `logIn`. Any failure on the Deno side, a non-zero exit,
 * or silence for `timeoutMs` rejects, with Deno's stderr in the message.
 */
import { execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "../../scripts/lib/accounts.ts";
import type { LogIn, LoginFlowReport, LoginFlowSetup } from "../../sdk/test/login-flow.ts";

const SDK = resolve(ROOT, "sdk");

/** Builds `sdk/dist` with the package's own build (tsup), so Deno runs what would be published. */
export function buildSdk(): void {
  execFileSync(process.execPath, [resolve(ROOT, "node_modules/tsup/dist/cli-default.js")], {
    cwd: SDK,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function loginFlowOnDeno(
  setup: LoginFlowSetup,
  logIn: LogIn,
  timeoutMs = 30_000,
): Promise<LoginFlowReport> {
  const host = new URL(setup.client.issuer).host;
  const deno = spawn(
    resolve(ROOT, "node_modules/.bin/deno"),
    ["run", "--no-prompt", `--allow-net=${host}`, "test/deno-login-flow.ts"],
    { cwd: SDK, env: { ...process.env, NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  deno.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((done) => deno.on("close", done));
  const send = (message: Record<string, unknown>) =>
    deno.stdin.write(`${JSON.stringify(message)}\n`);
  const timer = setTimeout(() => deno.kill(), timeoutMs);

  try {
    send({ setup });
    let report: LoginFlowReport | undefined;
    for await (const line of createInterface({ input: deno.stdout })) {
      const message = JSON.parse(line) as {
        authorize?: string;
        report?: LoginFlowReport;
        error?: string;
      };
      if (message.authorize) send({ callback: await logIn(new URL(message.authorize)) });
      else if (message.report) {
        report = message.report;
        deno.stdin.end();
      } else throw new Error(`Deno: ${message.error ?? line}`);
    }
    const code = await exited;
    if (code !== 0 || !report) throw new Error(`Deno exited with ${code}`);
    return report;
  } catch (error) {
    deno.kill();
    await exited;
    throw new Error(`${error instanceof Error ? error.message : error}\n${stderr}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    deno.stdin.end();
  }
}
