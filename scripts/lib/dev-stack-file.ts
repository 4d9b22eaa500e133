/**
 * Where the local stack is, as `npm run dev` writes it to `dev-stack.json` in its data folder
 * (.data/, or LLAVE_DATA_DIR) at every start, and the CLIs (`npm run clients`,
 * `activation-code`, `call-centre`) read it: so that a stack started with PORT or AGENCY_PORT
 * is the one they talk to, without anyone copying URLs around. The file holds addresses and
 * where the admin token is kept, never a secret itself.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Not accounts.ts's ROOT: the CLIs read this file, and should not load libSQL to do it.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where a secret the stack uses is kept: a member of a JSON file in the data folder, or a variable of the shell that ran `npm run dev`. */
export type SecretLocation = { file: string; key: string } | { env: string };

export type DevStackFile = {
  /** Where the worker listens, for the admin API. */
  url: string;
  /** The issuer it asserts (ISSUER, by default `url`). */
  issuer: string;
  /** The demo agency site. */
  agency: string;
  /** The demo agency's client id; its secret is DEMO_CLIENT_SECRET in dev-secrets.json. */
  clientId: string;
  adminToken: SecretLocation;
};

export const DEV_STACK_FILE = "dev-stack.json";

/** The data folder of the local stack: LLAVE_DATA_DIR (relative to the repository) or .data. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(ROOT, env.LLAVE_DATA_DIR || ".data");
}

/** Written by `npm run dev` once the stack listens. */
export function writeDevStackFile(dir: string, stack: DevStackFile): void {
  writeFileSync(resolve(dir, DEV_STACK_FILE), `${JSON.stringify(stack, null, 2)}\n`);
}

/**
 * What the last `npm run dev` with this data folder wrote; undefined when it never ran.
 *
 * @example const stack = readDevStackFile(dataDir()); // stack?.url → "http://localhost:9787"
 */
export function readDevStackFile(dir: string): DevStackFile | undefined {
  const file = resolve(dir, DEV_STACK_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as DevStackFile;
}

/** The secret at `location`, or undefined when it is not there. */
export function readSecret(
  dir: string,
  location: SecretLocation,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if ("env" in location) return env[location.env] || undefined;
  const file = resolve(dir, location.file);
  if (!existsSync(file)) return undefined;
  const value = (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>)[location.key];
  return typeof value === "string" ? value : undefined;
}
