/**
 * SECURITY.md "Passwords" through the app: Argon2id with a fresh 128-bit salt and its costs in
 * a PHC string, keyed with a pepper the database never sees, rehashed when the costs change,
 * never truncated; and the limits that come before hashing — per IP, and the isolate's
 * hashing gate — refuse without spending the citizen's tries.
 */
import { describe, expect, it } from "vitest";
import {
  type Argon2Params,
  parsePhc,
  verifyPassword,
} from "../../worker/src/methods/password/password-hash.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, recording } from "./harness.ts";
import {
  activate,
  citizenObject,
  GOOD_PASSWORD,
  passwordHarness,
  passwordLogin,
  problem,
  randomIp,
  TEST_ARGON2,
  withMethods,
} from "./password-support.ts";

const storedHash = async (h: Harness, citizen: Citizen) =>
  (await h.deps.credentials.password(citizen.id))?.hash ?? "";

const withArgon2 = (argon2: Argon2Params) =>
  passwordHarness({
    config: (c) => ({ ...c, password: { ...c.password, argon2 } }),
  });

const login = async (h: Harness, citizen: Citizen, password: string, ip?: string) =>
  passwordLogin(h, await h.startLogin(), citizen, password, ip ? { "cf-connecting-ip": ip } : {});

describe("password hashes", () => {
  it("are PHC Argon2id strings with the configured costs and a 16-byte salt", async () => {
    const costs = { m: 512, t: 2, p: 2 };
    const h = withArgon2(costs);
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const stored = await storedHash(h, citizen);
    expect(stored).toMatch(
      /^\$argon2id\$v=19\$m=512,t=2,p=2\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    const parsed = parsePhc(stored);
    expect(parsed?.params).toEqual(costs);
    expect(parsed?.salt).toHaveLength(16);
    expect(stored).not.toContain(GOOD_PASSWORD);
  });

  it("differ for two citizens with the same password: each has its own salt", async () => {
    const h = passwordHarness();
    const a = await h.registerCitizen();
    const b = await h.registerCitizen();
    await activate(h, a);
    await activate(h, b);
    const [ha, hb] = [await storedHash(h, a), await storedHash(h, b)];
    expect(ha).not.toBe(hb);
    expect(parsePhc(ha)?.salt).not.toEqual(parsePhc(hb)?.salt);
  });

  it("depend on the pepper: the stored string alone does not verify, and another pepper fails", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const stored = await storedHash(h, citizen);
    const encode = (s: string) => new TextEncoder().encode(s);
    const pepper = encode(h.config.password.pepper);
    expect(await verifyPassword(stored, GOOD_PASSWORD, pepper, TEST_ARGON2)).toEqual({
      ok: true,
      rehash: false,
    });
    const other = encode(`${h.config.password.pepper.slice(1)}x`);
    expect((await verifyPassword(stored, GOOD_PASSWORD, other, TEST_ARGON2)).ok).toBe(false);
    expect(stored).not.toContain(h.config.password.pepper);

    // A deployment with another pepper cannot log anybody in with the same database.
    const rotated = passwordHarness({
      config: (c) => ({ ...c, password: { ...c.password, pepper: `${c.password.pepper}2` } }),
    });
    const response = await login(rotated, citizen, GOOD_PASSWORD);
    expect(response.status).toBe(400);
    expect((await problem(response)).code).toBe("invalid_credentials");
  });

  it("are rehashed with the current costs at the next right login, which keeps working", async () => {
    const before = passwordHarness();
    const citizen = await before.registerCitizen();
    await activate(before, citizen);
    const old = await storedHash(before, citizen);
    expect(parsePhc(old)?.params).toEqual(TEST_ARGON2);

    const costs = { m: 512, t: 2, p: 1 };
    const after = withArgon2(costs);
    // A wrong password proves nothing and changes nothing.
    expect((await login(after, citizen, "no es la buena")).status).toBe(400);
    expect(await storedHash(after, citizen)).toBe(old);

    expect((await login(after, citizen, GOOD_PASSWORD)).status).toBe(200);
    const rehashed = await storedHash(after, citizen);
    expect(parsePhc(rehashed)?.params).toEqual(costs);
    expect(parsePhc(rehashed)?.salt).not.toEqual(parsePhc(old)?.salt);
    const events = await after.deps.audit.list({ citizenId: citizen.id, limit: 1000 });
    expect(events.filter((e) => e.event === "password.rehashed")).toHaveLength(1);

    expect((await login(after, citizen, GOOD_PASSWORD)).status).toBe(200);
    expect(await storedHash(after, citizen)).toBe(rehashed);
    expect((await login(after, citizen, "no es la buena")).status).toBe(400);
  });

  it("are never truncated: a 100-character password differs in its last character", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    const long =
      "la marmota verde del Moncayo sube despacio por la ladera norte mientras cae la nieve sobre el pueblo";
    expect([...long]).toHaveLength(100);
    await activate(h, citizen, long);
    expect((await login(h, citizen, `${long.slice(0, -1)}a`)).status).toBe(400);
    expect((await login(h, citizen, long.slice(0, -1))).status).toBe(400);
    expect((await login(h, citizen, `${long}o`)).status).toBe(400);
    expect((await login(h, citizen, long)).status).toBe(200);
  });
});

describe("limits before hashing", () => {
  it("per IP: 429 rate_limited with Retry-After, before the citizen's guard; other IPs go on", async () => {
    const log: string[] = [];
    const h = passwordHarness({
      deps: recording(log),
      config: (c) => ({ ...c, password: { ...c.password, attemptsPerIpMinute: 3 } }),
    });
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    const ip = randomIp();
    for (let i = 0; i < 3; i++) {
      expect((await login(h, citizen, "no es la buena", ip)).status).toBe(400);
    }
    h.clock.advance(15_000);
    const loginId = await h.startLogin();
    log.length = 0;
    const limited = await passwordLogin(h, loginId, citizen, GOOD_PASSWORD, {
      "cf-connecting-ip": ip,
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(await problem(limited)).toMatchObject({ code: "rate_limited", retryAfter: 45 });
    // Refused on the IP alone: the citizen was not looked up, counted nor hashed for.
    expect(log).toEqual(["login.get", "login.get", "limits.hit"]); // the binding, then the step
    expect(await citizenObject(citizen.id).passwordGuard()).toMatchObject({ failures: 3 });

    const elsewhere = await login(h, citizen, "no es la buena", randomIp());
    expect(elsewhere.status).toBe(400);
    expect(await citizenObject(citizen.id).passwordGuard()).toMatchObject({ failures: 4 });
    h.clock.advance(45_000);
    expect((await login(h, citizen, GOOD_PASSWORD, ip)).status).toBe(200);
  });

  it("per IPv6 /64: however its addresses are written, they share one limit", async () => {
    const h = passwordHarness({
      config: (c) => ({ ...c, password: { ...c.password, attemptsPerIpMinute: 3 } }),
    });
    const citizen = await h.registerCitizen();
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const [a, b] = [hex(), hex()];
    const spellings = [
      `2001:db8:${a}:0::${b}`,
      `2001:0DB8:${a}:0:0:0:0:1`,
      `2001:db8:${a}::1:2:3`,
      `2001:db8:${a}:0000:ffff:1:2:3`,
    ];
    const statuses = [];
    for (const ip of spellings) statuses.push((await login(h, citizen, "mal", ip)).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    // The next /64 is another network.
    expect((await login(h, citizen, "mal", `2001:db8:${a}:1::${b}`)).status).toBe(400);
  });

  it("the hashing gate: when it is full, 429 password_busy, and the refused tries are not counted", async () => {
    const waiting = 4;
    let arrived = 0;
    let release = () => {};
    const barrier = new Promise<void>((r) => {
      release = r;
    });
    let holding = false;
    const h = passwordHarness({
      config: (c) => ({ ...c, password: { ...c.password, hashConcurrency: 1, hashQueue: 0 } }),
      deps: (d) => ({
        ...d,
        // Holds the attempts just before they hash until all have arrived, so that they reach
        // the gate together, as a burst would.
        credentials: withMethods(d.credentials, {
          password: async (id: string) => {
            const record = await d.credentials.password(id);
            if (!holding) return record;
            if (++arrived === waiting) release();
            await barrier;
            return record;
          },
        }),
      }),
    });
    const citizen = await h.registerCitizen();
    await activate(h, citizen);
    holding = true;
    const loginId = await h.startLogin();
    const responses = await Promise.all(
      Array.from({ length: waiting }, (_, i) => passwordLogin(h, loginId, citizen, `mal ${i}`)),
    );
    holding = false;
    const busy = responses.filter((r) => r.status === 429);
    const compared = responses.filter((r) => r.status === 400);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length + compared.length).toBe(waiting);
    for (const r of busy) {
      expect(r.headers.get("retry-after")).toBe("1");
      expect((await problem(r)).code).toBe("password_busy");
    }
    const object = citizenObject(citizen.id);
    expect(await object.passwordGuard()).toMatchObject({ failures: compared.length });
    expect(await object.failureCount()).toBe(compared.length);
    await login(h, citizen, "mal otra vez");
    expect(await object.passwordGuard()).toMatchObject({ failures: compared.length + 1 });
    expect((await login(h, citizen, GOOD_PASSWORD)).status).toBe(200);
  });
});
