/**
 * Citizens with a permanent password, made through the worker's own API as an operator and the
 * citizen would (docs/password.md), never by writing hashes into the database:
 *
 *   POST /admin/citizens/{id}/activation-codes  { delivery: "letter" }  → the printed code
 *   GET  /authorize (the bench agency, login-start.ts)                  → a login
 *   POST /api/logins/{id}/activation   document, contrast datum, code   → SMS code to the outbox
 *   POST /api/logins/{id}/otp/verify   the SMS code                     → choose_password
 *   POST /api/logins/{id}/activation/password                           → activated (one hash)
 *
 * And one citizen whose password is blocked (5 wrong passwords), for the latency of a login
 * that is refused before any hashing.
 *
 * The bench's HTTP client carries the login binding cookie of the one browser it plays, so each
 * login's steps come from the browser that started it.
 */
import { type Client, expectStatus, FunctionalError, type Reply } from "./http.ts";
import { startLogin } from "./login-start.ts";
import { CONTRAST, PIN_WAIT_MS } from "./options.ts";
import type { BenchCitizen } from "./setup.ts";

/** Every bench citizen's password: passes the `nist` policy, contains no name or document. */
export const BENCH_PASSWORD = "marmota verde del Moncayo";
export const WRONG_PASSWORD = "marmota verde del Montseny";

/** The SMS codes of the password method as the dev outbox receives them, by mobile number. */
export class OtpInbox {
  readonly #waiting = new Map<string, (code: string) => void>();

  onMessage = (entry: { to: string; text: string; kind?: string }): void => {
    if (entry.kind !== "otp") return;
    const resolveCode = this.#waiting.get(entry.to);
    if (!resolveCode) return;
    this.#waiting.delete(entry.to);
    resolveCode(/ es (\d{6,12})\./.exec(entry.text)?.[1] ?? "");
  };

  /** Call before the request that sends it: the message may arrive before the answer. */
  expect(mobile: string): Promise<string> {
    return new Promise((resolveCode, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(mobile);
        reject(new FunctionalError(`no SMS code reached the outbox for ${mobile}`));
      }, PIN_WAIT_MS);
      this.#waiting.set(mobile, (code) => {
        clearTimeout(timer);
        resolveCode(code);
      });
    });
  }
}

/** The address a citizen's requests come from: one per citizen, as in production. */
export const citizenIp = (c: BenchCitizen): string =>
  `10.${(c.index >> 16) & 255}.${(c.index >> 8) & 255}.${c.index & 255}`;

const json = (reply: Reply): Record<string, unknown> =>
  JSON.parse(reply.text) as Record<string, unknown>;

/** A new login at the bench agency's /authorize, from `ip` when given. */
export function createLogin(http: Client, ip?: string): Promise<string> {
  return startLogin(http, ip === undefined ? undefined : { "cf-connecting-ip": ip });
}

/** POST with a JSON body from `ip`. */
export function postFrom(http: Client, ip: string, path: string, body: unknown): Promise<Reply> {
  return http.send({
    method: "POST",
    path,
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify(body),
  });
}

/** Retries `fn` while the worker answers 429 password_busy (its hashing gate is full). */
async function unlessBusy(fn: () => Promise<Reply>): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const reply = await fn();
    if (reply.status !== 429 || attempt >= 20) return reply;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Activates BENCH_PASSWORD for `c` through the API, as the login app does. */
export async function activatePassword(
  http: Client,
  inbox: OtpInbox,
  adminToken: string,
  c: BenchCitizen,
): Promise<void> {
  const ip = citizenIp(c);
  const issued = await http.send({
    method: "POST",
    path: `/admin/citizens/${c.id}/activation-codes`,
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ delivery: "letter" }),
  });
  expectStatus("POST /admin/citizens/{id}/activation-codes", issued, 201);
  const code = json(issued).code as string;
  const loginId = await createLogin(http, ip);
  const otp = inbox.expect(c.mobile);
  otp.catch(() => {}); // awaited below; this only keeps a failed request from leaking it
  const started = await postFrom(http, ip, `/api/logins/${loginId}/activation`, {
    document: c.document,
    contrast: { kind: "dni_validity", value: CONTRAST },
    activationCode: code,
  });
  expectStatus("POST /api/logins/{id}/activation", started, 202);
  const verified = await postFrom(http, ip, `/api/logins/${loginId}/otp/verify`, {
    code: await otp,
  });
  expectStatus("POST /api/logins/{id}/otp/verify", verified, 200);
  if (json(verified).status !== "choose_password") {
    throw new FunctionalError(`otp/verify did not lead to choose_password: ${verified.text}`);
  }
  const set = await unlessBusy(() =>
    postFrom(http, ip, `/api/logins/${loginId}/activation/password`, {
      password: BENCH_PASSWORD,
    }),
  );
  expectStatus("POST /api/logins/{id}/activation/password", set, 200);
}

/** Activates every citizen, `concurrency` at a time (the gate hashes 2 at once anyway). */
export async function activateAll(
  http: Client,
  inbox: OtpInbox,
  adminToken: string,
  citizens: readonly BenchCitizen[],
  concurrency = 2,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let c = citizens[next++]; c; c = citizens[next++]) {
      await activatePassword(http, inbox, adminToken, c);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Wrong passwords until the citizen's password is blocked (423 password_locked). */
export async function blockPassword(http: Client, c: BenchCitizen): Promise<number> {
  const ip = citizenIp(c);
  for (let attempt = 1; attempt <= 25; attempt++) {
    const loginId = await createLogin(http, ip);
    const reply = await unlessBusy(() =>
      postFrom(http, ip, `/api/logins/${loginId}/password`, {
        document: c.document,
        password: WRONG_PASSWORD,
      }),
    );
    if (reply.status === 423) return attempt - 1;
    expectStatus("POST /api/logins/{id}/password (wrong, to block)", reply, 400);
  }
  throw new FunctionalError(`${c.document}: the password was not blocked after 25 wrong ones`);
}
