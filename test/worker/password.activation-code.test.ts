/**
 * SECURITY.md "One-time secrets" for activation codes (docs/password.md "Activation codes"):
 * single use even when two transactions race to spend one code, blocked after 5 wrong entries
 * however they race, dead after 90 days by timestamp, revoked by a newer code, and stored only
 * as an HMAC digest under the pepper.
 */
import { describe, expect, it, vi } from "vitest";
import { activationCodeDigest } from "../../worker/src/methods/password/activation-code.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { accountsTransport } from "../../worker/src/storage/libsql/open.ts";
import { type Harness, testEnv } from "./harness.ts";
import {
  activationBody,
  GOOD_PASSWORD,
  issueCode,
  latestOtp,
  letterCode,
  otps,
  passwordHarness,
  passwordLogin,
  post,
  problem,
  withMethods,
} from "./password-support.ts";

const DAY = 86_400_000;

/** The citizen's activation_codes rows as stored, every column. */
async function codeRows(h: Harness, citizenId: string) {
  const sql = accountsTransport(h.config, testEnv);
  const { rows } = await sql.query({
    sql: "SELECT id, digest, failures, used_at, revoked_at, expires_at FROM activation_codes WHERE citizen_id = ? ORDER BY issued_at",
    params: [citizenId],
    method: "all",
  });
  return (rows as unknown[][]).map(([id, digest, failures, usedAt, revokedAt, expiresAt]) => ({
    id,
    digest,
    failures: Number(failures),
    usedAt,
    revokedAt,
    expiresAt: Number(expiresAt),
  }));
}

/** Runs an activation on a new login; true when it sent the citizen an SMS code. */
async function activationSendsCode(h: Harness, citizen: Citizen, code: string) {
  const before = (await otps(h, citizen.mobile ?? "")).length;
  const loginId = await h.startLogin();
  const response = await post(h, loginId, "/activation", activationBody(citizen, code));
  expect(response.status).toBe(202);
  return (await otps(h, citizen.mobile ?? "")).length > before;
}

/** Activation up to the password choice, on a new login. */
async function choosing(h: Harness, citizen: Citizen, code: string) {
  const loginId = await h.startLogin();
  expect((await post(h, loginId, "/activation", activationBody(citizen, code))).status).toBe(202);
  const otp = await latestOtp(h, citizen.mobile ?? "");
  const verified = await post(h, loginId, "/otp/verify", { code: otp });
  expect(await verified.json()).toEqual({ status: "choose_password" });
  return loginId;
}

/** A well-formed code other than `code`. */
const wrongCode = (code: string) =>
  code.startsWith("AAAA") ? "BBBB-BBBB-BBBB-BBBB" : "AAAA-AAAA-AAAA-AAAA";

describe("activation codes", () => {
  it("are single use: once a password was set with one, it sends no code again", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    const loginId = await choosing(h, citizen, code);
    expect(
      (await post(h, loginId, "/activation/password", { password: GOOD_PASSWORD })).status,
    ).toBe(200);
    expect(await activationSendsCode(h, citizen, code)).toBe(false);
    const [row] = await codeRows(h, citizen.id);
    expect(row?.usedAt).toBe(h.clock.now());
  });

  it("two transactions racing to set a password with one code: exactly one wins", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    const a = await choosing(h, citizen, code);
    h.clock.advance(1_000);
    const b = await choosing(h, citizen, code);
    const passwords = { [a]: "la frase de la primera", [b]: "la frase de la segunda" };
    const answers = await Promise.all(
      [a, b].map((id) => post(h, id, "/activation/password", { password: passwords[id] })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.findIndex((r) => r.status === 409);
    expect((await problem(answers[loser] as Response)).code).toBe("activation_code_invalid");
    const winner = loser === 0 ? b : a;
    const loserId = loser === 0 ? a : b;

    // The winner's password is the one stored; the loser's was never written.
    const login = await h.startLogin();
    expect((await passwordLogin(h, login, citizen, passwords[winner] ?? "")).status).toBe(200);
    const other = await h.startLogin();
    expect((await passwordLogin(h, other, citizen, passwords[loserId] ?? "")).status).toBe(400);
    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 1000 });
    expect(events.filter((e) => e.event === "password.activated")).toHaveLength(1);
  });

  it("are blocked after 5 wrong entries: then the right code sends nothing", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    for (let i = 0; i < 5; i++)
      expect(await activationSendsCode(h, citizen, wrongCode(code))).toBe(false);
    expect((await codeRows(h, citizen.id))[0]?.failures).toBe(5);
    expect(await activationSendsCode(h, citizen, code)).toBe(false);
    expect((await codeRows(h, citizen.id))[0]?.failures).toBe(5);
  });

  it("8 wrong entries in parallel count 5 at most, and block the code", async () => {
    const racing = 8;
    let arrived = 0;
    let release = () => {};
    const barrier = new Promise<void>((r) => {
      release = r;
    });
    const h = passwordHarness({
      deps: (d) => ({
        ...d,
        // Every entry finds the code live before any of them counts its try: the worst race.
        credentials: withMethods(d.credentials, {
          liveActivationCode: async (...args: [string, number, number]) => {
            const code = await d.credentials.liveActivationCode(...args);
            if (code && ++arrived === racing) release();
            if (code && arrived <= racing) await barrier;
            return code;
          },
        }),
      }),
    });
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    const logins = await Promise.all(Array.from({ length: racing }, () => h.startLogin()));
    const answers = await Promise.all(
      logins.map((id) => post(h, id, "/activation", activationBody(citizen, wrongCode(code)))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(racing).fill(202));
    expect((await codeRows(h, citizen.id))[0]?.failures).toBe(5);
    expect(await activationSendsCode(h, citizen, code)).toBe(false);
    expect(await otps(h, citizen.mobile ?? "")).toEqual([]);
  });

  it("a right entry does not spend a try", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    for (let i = 0; i < 4; i++) await activationSendsCode(h, citizen, wrongCode(code));
    for (let i = 0; i < 3; i++) {
      expect(await activationSendsCode(h, citizen, code)).toBe(true);
      h.clock.advance(60_000);
    }
    expect((await codeRows(h, citizen.id))[0]?.failures).toBe(4);
  });

  it("wrong entries count only with the citizen's own contrast datum: a document alone cannot block a code", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    for (let i = 0; i < 8; i++) {
      const loginId = await h.startLogin();
      const body = {
        ...activationBody(citizen, wrongCode(code)),
        contrast: { value: "2031-01-01" },
      };
      expect((await post(h, loginId, "/activation", body)).status).toBe(202);
    }
    expect((await codeRows(h, citizen.id))[0]?.failures).toBe(0);
    expect(await activationSendsCode(h, citizen, code)).toBe(true);
  });

  it("expire 90 days after they were issued, by timestamp", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const issued = h.clock.now();
    const code = await letterCode(h, citizen);
    expect((await codeRows(h, citizen.id))[0]?.expiresAt).toBe(issued + 90 * DAY);
    h.clock.set(issued + 90 * DAY - 1);
    expect(await activationSendsCode(h, citizen, code)).toBe(true);
    h.clock.set(issued + 90 * DAY);
    expect(await activationSendsCode(h, citizen, code)).toBe(false);
  });

  it("one that expires during the activation cannot set the password", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const issued = h.clock.now();
    const code = await letterCode(h, citizen);
    h.clock.set(issued + 90 * DAY - 60_000);
    const loginId = await choosing(h, citizen, code);
    h.clock.set(issued + 90 * DAY);
    const set = await post(h, loginId, "/activation/password", { password: GOOD_PASSWORD });
    expect(set.status).toBe(409);
    expect((await problem(set)).code).toBe("activation_code_invalid");
    expect(await h.deps.credentials.password(citizen.id)).toBeNull();
  });

  it("a new code revokes the previous one, even mid-activation", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const first = await letterCode(h, citizen);
    const loginId = await choosing(h, citizen, first);
    h.clock.advance(60_000);
    const second = await letterCode(h, citizen);
    const set = await post(h, loginId, "/activation/password", { password: GOOD_PASSWORD });
    expect(set.status).toBe(409);
    expect((await problem(set)).code).toBe("activation_code_invalid");
    expect(await activationSendsCode(h, citizen, first)).toBe(false);
    h.clock.advance(60_000);
    expect(await activationSendsCode(h, citizen, second)).toBe(true);
    const rows = await codeRows(h, citizen.id);
    expect(rows.map((r) => r.revokedAt !== null)).toEqual([true, false]);
  });

  it("are stored only as an HMAC digest under the pepper, and never logged", async () => {
    const logged: unknown[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void logged.push(...args)),
    );
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ email: "codigo@example.es" });
    const letter = await letterCode(h, citizen);
    h.clock.advance(1_000);
    expect((await issueCode(h, citizen, "sms")).status).toBe(201);
    const [message] = (await h.outbox.list({ to: citizen.mobile ?? "" })).filter(
      (m) => m.kind === "activation_code",
    );
    const sms = /[A-Z2-9]{4}(-[A-Z2-9]{4}){3}/.exec(message?.text ?? "")?.[0] ?? "";
    expect(sms).not.toBe("");
    // Every use a code has: typed after it was revoked, typed right, and spent on a password.
    await activationSendsCode(h, citizen, letter);
    const loginId = await choosing(h, citizen, sms);
    await post(h, loginId, "/activation/password", { password: GOOD_PASSWORD });
    for (const spy of spies) spy.mockRestore();

    const sql = accountsTransport(h.config, testEnv);
    const everything = await Promise.all(
      ["activation_codes", "audit_log", "passwords"].map((table) =>
        sql.query({
          sql: `SELECT * FROM ${table} WHERE citizen_id = ?`,
          params: [citizen.id],
          method: "all",
        }),
      ),
    );
    const stored = JSON.stringify(everything);
    const rows = await codeRows(h, citizen.id);
    expect(rows).toHaveLength(2);
    for (const [i, code] of [letter, sms].entries()) {
      const plain = code.replaceAll("-", "");
      for (const form of [code, plain, plain.toLowerCase()]) {
        expect(stored).not.toContain(form);
        expect(JSON.stringify(logged)).not.toContain(form);
      }
      expect(rows[i]?.digest).toBe(await activationCodeDigest(h.config.password.pepper, plain));
    }
    expect(stored).not.toContain(h.config.password.pepper);
  });
});
