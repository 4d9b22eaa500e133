/**
 * Helpers for password tests on top of the harness: a harness whose Argon2id is cheap (the
 * vitest transform slows hashing ~12×; the real parameters are measured in bench/), activation
 * codes issued through the admin API, SMS codes read from the outbox, and the activation and
 * login calls as the login app makes them.
 */

import type { Config } from "../../worker/src/config.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, harness } from "./harness.ts";

/** Argon2id parameters small enough for tests (the PHC string still records them). */
export const TEST_ARGON2 = { m: 256, t: 1, p: 1 };

export function passwordHarness(
  options: { now?: number; config?: (c: Config) => Config } = {},
): Harness {
  return harness({
    ...(options.now === undefined ? {} : { now: options.now }),
    config: (base) => {
      const config = { ...base, password: { ...base.password, argon2: TEST_ARGON2 } };
      return options.config ? options.config(config) : config;
    },
  });
}

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

export const post = (h: Harness, loginId: string, path: string, body: unknown = {}) =>
  h.call("POST", `/api/logins/${loginId}${path}`, body);

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

export const passwordLogin = (h: Harness, loginId: string, citizen: Citizen, password: string) =>
  post(h, loginId, "/password", { document: citizen.documentNumber, password });
