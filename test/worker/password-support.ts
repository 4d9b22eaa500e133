/**
 * Helpers for password tests on top of the harness: a harness whose Argon2id is cheap (the
 * vitest transform slows hashing ~12×; the real parameters are measured in bench/), activation
 * codes issued through the admin API, SMS codes read from the outbox, and the activation and
 * login calls as the login app makes them.
 */

import type { AppDeps } from "../../worker/src/app.ts";
import type { Config } from "../../worker/src/config.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { hashPassword } from "../../worker/src/methods/password/password-hash.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, harness, type ProblemBody, testEnv } from "./harness.ts";

/** Argon2id parameters small enough for tests (the PHC string still records them). */
export const TEST_ARGON2 = { m: 256, t: 1, p: 1 };

/**
 * A harness with cheap Argon2id whose requests come from one address of their own (`ip`, or a
 * random one): LimiterObjects outlive a test, so a shared address would carry one test's
 * password attempts into another's per-IP limit.
 */
export function passwordHarness(
  options: {
    now?: number;
    config?: (c: Config) => Config;
    deps?: (d: AppDeps) => AppDeps;
    ip?: string;
  } = {},
): Harness {
  const h = harness({
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.deps ? { deps: options.deps } : {}),
    config: (base) => {
      const config = { ...base, password: { ...base.password, argon2: TEST_ARGON2 } };
      return options.config ? options.config(config) : config;
    },
  });
  const ip = options.ip ?? randomIp();
  return {
    ...h,
    call: (method, path, body, headers = {}) =>
      h.call(method, path, body, { "cf-connecting-ip": ip, ...headers }),
  };
}

/** An IPv4 address no other test uses (10.0.0.0/8). */
export function randomIp(): string {
  const [a, b, c] = cryptoRandom.bytes(3);
  return `10.${a}.${b}.${c}`;
}

/** The CitizenObject of a citizen id or decoy key, for its counters. */
export const citizenObject = (key: string) =>
  testEnv.CITIZENS.get(testEnv.CITIZENS.idFromName(key));

/** A code of the same shape that is surely not `code`. */
export const otherCode = (code: string) => (code === "000000" ? "111111" : "000000");

export const problem = async (response: Response) => (await response.json()) as ProblemBody;

export const GOOD_PASSWORD = "marmota verde del Moncayo";

export async function issueCode(
  h: Harness,
  citizen: Citizen,
  delivery: "sms" | "letter" = "letter",
): Promise<Response> {
  const token = h.config.adminToken;
  if (!token) throw new Error("tests need ADMIN_TOKEN");
  return h.call(
    "POST",
    `/admin/citizens/${citizen.id}/activation-codes`,
    { delivery },
    { authorization: `Bearer ${token}` },
  );
}

/** A letter code for `citizen`, as printed (ABCD-EFGH-…). */
export async function letterCode(h: Harness, citizen: Citizen): Promise<string> {
  const response = await issueCode(h, citizen, "letter");
  if (response.status !== 201) throw new Error(`issue code: ${response.status}`);
  return ((await response.json()) as { code: string }).code;
}

/** The SMS one-time codes sent to `mobile`, newest first. */
export async function otps(h: Harness, mobile: string): Promise<string[]> {
  const messages = await h.outbox.list({ to: mobile, limit: 1000 });
  return messages.filter((m) => m.kind === "otp").map((m) => /\d{6,10}/.exec(m.text)?.[0] ?? "");
}

export async function latestOtp(h: Harness, mobile: string): Promise<string> {
  const [code] = await otps(h, mobile);
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}

export const activationBody = (citizen: Citizen, activationCode: string) => ({
  document: citizen.documentNumber,
  contrast: { kind: citizen.contrastKind, value: citizen.contrastValue },
  activationCode,
});

export const post = (
  h: Harness,
  loginId: string,
  path: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) => h.call("POST", `/api/logins/${loginId}${path}`, body, headers);

/** Activates `password` for `citizen` with a fresh letter code, as the login app does. */
export async function activate(h: Harness, citizen: Citizen, password = GOOD_PASSWORD) {
  const code = await letterCode(h, citizen);
  const loginId = await h.startLogin();
  const started = await post(h, loginId, "/activation", activationBody(citizen, code));
  if (started.status !== 202) throw new Error(`activation: ${started.status}`);
  const otp = await latestOtp(h, citizen.mobile ?? "");
  const verified = await post(h, loginId, "/otp/verify", { code: otp });
  if (verified.status !== 200) throw new Error(`otp: ${verified.status} ${await verified.text()}`);
  const set = await post(h, loginId, "/activation/password", { password });
  if (set.status !== 200) throw new Error(`set password: ${set.status} ${await set.text()}`);
  return { loginId, code };
}

/**
 * Stores a password for `citizen` straight in the accounts database, hashed as the app does:
 * for citizens the activation flow cannot reach (suspended, registered at the basic level).
 */
export async function storePassword(h: Harness, citizen: Citizen, password = GOOD_PASSWORD) {
  const pepper = new TextEncoder().encode(h.config.password.pepper);
  const hash = await hashPassword(password, pepper, h.config.password.argon2, cryptoRandom);
  const now = h.clock.now();
  await h.deps.credentials.setPassword(
    { citizenId: citizen.id, hash, setAt: now, expiresAt: now + h.config.password.validityMs },
    [],
  );
}

export const passwordLogin = (
  h: Harness,
  loginId: string,
  citizen: Pick<Citizen, "documentNumber">,
  password: string,
  headers: Record<string, string> = {},
) => post(h, loginId, "/password", { document: citizen.documentNumber, password }, headers);

/** `target` with some methods replaced; the others are called on `target` as before. */
export function withMethods<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value = Reflect.get(t, key, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}
