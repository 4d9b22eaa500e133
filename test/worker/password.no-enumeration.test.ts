/**
 * SECURITY.md "No enumeration" for the permanent password: password login and activation
 * answer an unknown document, a citizen without a password (or with other data) and a real
 * citizen with a wrong secret alike — status, body, headers, and the same port calls in the
 * same order, so the same timing class. A password login's answer carries no tries left and
 * no block, so nothing that happened to a document before (the citizen's own typos, a pause,
 * PIN failures) shows either. Only what goes to the citizen's own mobile differs.
 */
import { describe, expect, it } from "vitest";
import { makeDni } from "../../worker/src/identity/documents.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, recording } from "./harness.ts";
import {
  activate,
  activationBody,
  GOOD_PASSWORD,
  letterCode,
  otherCode,
  otps,
  passwordHarness,
  passwordLogin,
  post,
  problem,
  storePassword,
} from "./password-support.ts";

type Answer = { status: number; body: string; headers: string };

async function answer(response: Response): Promise<Answer> {
  const headers = [...response.headers].filter(([k]) => k !== "date");
  return { status: response.status, body: await response.text(), headers: JSON.stringify(headers) };
}

/** A DNI nobody registered (random, so that its decoy starts with no history). */
const unknownDni = () => makeDni(Math.floor(Math.random() * 100_000_000));

/** A valid activation code of the right shape that was never issued. */
const NEVER_ISSUED = "ABCD-EFGH-JKMN-PQRS";

describe("password login does not reveal whether a citizen or a password exists", () => {
  const cases = ["wrong password", "no password", "unknown document", "suspended citizen"] as const;

  /**
   * The document of each case, set up in its own harness, and the password tried: wrong, except
   * for the suspended citizen, whose right password must not tell either.
   */
  async function subject(h: Harness, name: (typeof cases)[number]) {
    const wrong = "no es la buena";
    if (name === "unknown document")
      return { who: { documentNumber: unknownDni() }, password: wrong };
    if (name === "suspended citizen") {
      const suspended = await h.registerCitizen({ status: "suspended" });
      await storePassword(h, suspended);
      return { who: suspended, password: GOOD_PASSWORD };
    }
    const citizen = await h.registerCitizen();
    if (name === "wrong password") await activate(h, citizen);
    return { who: citizen, password: wrong };
  }

  it("answers alike on every attempt, paused ones included, after the same port calls", async () => {
    const answers: Record<string, Answer[]> = {};
    const calls: Record<string, string[]> = {};
    for (const name of cases) {
      const log: string[] = [];
      const h = passwordHarness({ deps: recording(log) });
      const { who, password } = await subject(h, name);
      const loginId = await h.startLogin();
      answers[name] = [];
      for (let i = 0; i < 7; i++) {
        log.length = 0;
        answers[name].push(await answer(await passwordLogin(h, loginId, who, password)));
        calls[`${name} #${i}`] = [...log];
      }
    }
    const reference = answers["wrong password"] ?? [];
    // The 6th and 7th are refused by the pause, and read as the first five did.
    expect(reference.map((a) => a.status)).toEqual(Array(7).fill(400));
    expect(new Set(reference.map((a) => a.body)).size).toBe(1);
    expect(JSON.parse(reference[0]?.body ?? "")).toMatchObject({ code: "invalid_credentials" });
    expect(JSON.parse(reference[0]?.body ?? "")).not.toHaveProperty("triesLeft");
    for (const name of cases) {
      expect(answers[name], name).toEqual(reference);
      for (let i = 0; i < 7; i++) {
        expect(calls[`${name} #${i}`], `${name} #${i}`).toEqual(calls["wrong password #0"]);
      }
    }
    expect(calls["wrong password #0"]).toEqual([
      "login.get", // the browser binding (login/browser-binding.ts)
      "login.get",
      "limits.hit",
      "accounts.findByDocument",
      "citizens.reservePasswordTry",
      "credentials.password",
      "citizens.settlePasswordTry",
    ]);
  });

  it("a citizen without a password and one with a wrong one get the same answers across logins", async () => {
    const h = passwordHarness();
    const withPassword = await h.registerCitizen();
    await activate(h, withPassword);
    const without = await h.registerCitizen();
    const unknown = { documentNumber: unknownDni() };
    for (let i = 0; i < 6; i++) {
      const bodies = await Promise.all(
        [withPassword, without, unknown].map(async (who) =>
          problem(await passwordLogin(h, await h.startLogin(), who, `otra cosa ${i}`)),
        ),
      );
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
    }
  });
});

describe("activation does not reveal whether the data or the code were right", () => {
  const cases = [
    "all correct",
    "wrong activation code",
    "wrong contrast datum",
    "unknown document",
    "no live code",
    "basic registration",
  ] as const;

  it("answers 202 alike after the same port calls; only all-correct data send a code", async () => {
    const answers: Record<string, Answer> = {};
    const calls: Record<string, string[]> = {};
    const sent: Record<string, number> = {};
    for (const name of cases) {
      const log: string[] = [];
      const h = passwordHarness({ deps: recording(log) });
      const citizen = await h.registerCitizen(
        name === "basic registration" ? { registrationLevel: "basic" } : {},
      );
      const code =
        name === "no live code" || name === "basic registration"
          ? NEVER_ISSUED
          : await letterCode(h, citizen);
      const body = activationBody(citizen, code);
      if (name === "wrong activation code") {
        body.activationCode = code === NEVER_ISSUED ? "ABCD-EFGH-JKMN-PQRT" : NEVER_ISSUED;
      }
      if (name === "wrong contrast datum")
        body.contrast = { ...body.contrast, value: "2031-01-01" };
      if (name === "unknown document") body.document = unknownDni();
      const loginId = await h.startLogin();
      log.length = 0;
      answers[name] = await answer(await post(h, loginId, "/activation", body));
      calls[name] = [...log];
      sent[name] = (await otps(h, citizen.mobile ?? "")).length;
    }
    expect(answers["all correct"]?.status).toBe(202);
    expect(JSON.parse(answers["all correct"]?.body ?? "")).toEqual({
      status: "otp_sent",
      channel: "sms",
      expiresIn: 600,
      resendAfter: 30,
      mobileHint: null,
    });
    for (const name of cases) {
      expect(answers[name], name).toEqual(answers["all correct"]);
      expect(calls[name], name).toEqual(calls["all correct"]);
      expect(sent[name], name).toBe(name === "all correct" ? 1 : 0);
    }
  });

  it("the code of a failed activation reads as a wrong code, like a mistyped real one", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    const real = await h.startLogin();
    expect((await post(h, real, "/activation", activationBody(citizen, code))).status).toBe(202);
    const sentCode = (await otps(h, citizen.mobile ?? ""))[0] ?? "";

    const decoy = await h.startLogin();
    const wrongData = { ...activationBody(citizen, code), document: unknownDni() };
    expect((await post(h, decoy, "/activation", wrongData)).status).toBe(202);

    // Whatever the decoy's login is sent, even the real citizen's code, it reads as wrong.
    const tries = async (loginId: string, typed: string) => {
      const bodies = [];
      for (let i = 0; i < 5; i++)
        bodies.push(await problem(await post(h, loginId, "/otp/verify", { code: typed })));
      bodies.push(await problem(await post(h, loginId, "/otp/verify", { code: typed })));
      return bodies;
    };
    const onDecoy = await tries(decoy, sentCode);
    const onReal = await tries(real, otherCode(sentCode));
    expect(onDecoy.map((b) => b.code)).toEqual([...Array(5).fill("invalid_otp"), "otp_not_active"]);
    expect(onDecoy.map((b) => b.triesLeft)).toEqual([4, 3, 2, 1, 0, undefined]);
    expect(onDecoy).toEqual(onReal);
  });

  it("a resend on a failed activation answers like one on a real activation", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const code = await letterCode(h, citizen);
    const answers: Answer[][] = [];
    for (const body of [
      activationBody(citizen, code),
      { ...activationBody(citizen, code), contrast: { value: "2031-01-01" } },
    ]) {
      const loginId = await h.startLogin();
      await post(h, loginId, "/activation", body);
      const early = await answer(await post(h, loginId, "/otp"));
      h.clock.advance(30_000);
      const later = await answer(await post(h, loginId, "/otp"));
      answers.push([early, later]);
    }
    expect(answers[0]?.map((a) => a.status)).toEqual([429, 202]);
    expect(answers[1]).toEqual(answers[0]);
    expect(await otps(h, citizen.mobile ?? "")).toHaveLength(2);
  });
});

describe("the blocked answer for an unknown document", () => {
  it("is the one a real citizen gets, and a right password after it changes nothing", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const unknown = { documentNumber: unknownDni() };
    for (let i = 0; i < 5; i++) {
      await passwordLogin(h, await h.startLogin(), citizen, "mal");
      await passwordLogin(h, await h.startLogin(), unknown, "mal");
    }
    const real = await answer(await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD));
    const decoy = await answer(
      await passwordLogin(h, await h.startLogin(), unknown, GOOD_PASSWORD),
    );
    expect(real.status).toBe(400);
    expect(decoy).toEqual(real);
  });
});

describe("what happened to a document before does not show to the next requester", () => {
  const histories = [
    "the citizen mistyped twice",
    "the citizen's own typos paused it",
    "wrong PINs put the account in back-off",
  ] as const;

  /** Leaves `citizen` with a history that only the citizen (or someone with the datum) made. */
  async function makeHistory(h: Harness, citizen: Citizen, name: (typeof histories)[number]) {
    if (name === "wrong PINs put the account in back-off") {
      for (let round = 0; round < 2; round++) {
        const { loginId, pin } = await h.loginWithPin(citizen);
        for (let i = 0; i < 5; i++) await h.verify(loginId, otherCode(pin));
      }
      return;
    }
    const typos = name === "the citizen mistyped twice" ? 2 : 5;
    const own = await h.startLogin();
    for (let i = 0; i < typos; i++) await passwordLogin(h, own, citizen, `casi ${i}`);
  }

  it("a stranger's first attempt reads as for an unknown document, after the same calls", async () => {
    for (const name of histories) {
      const log: string[] = [];
      const h = passwordHarness({ deps: recording(log) });
      const citizen = await h.registerCitizen();
      await activate(h, citizen);
      await makeHistory(h, citizen, name);
      const attempt = async (who: Pick<Citizen, "documentNumber">) => {
        const loginId = await h.startLogin();
        log.length = 0;
        const response = await answer(await passwordLogin(h, loginId, who, "a ver"));
        return { response, calls: [...log] };
      };
      const known = await attempt(citizen);
      const unknown = await attempt({ documentNumber: unknownDni() });
      expect(known.response, name).toEqual(unknown.response);
      expect(known.calls, name).toEqual(unknown.calls);
      expect(known.response.status, name).toBe(400);
    }
  });
});
