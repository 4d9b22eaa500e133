/**
 * SECURITY.md "Login transactions and accounts": an officer can lift a lockout. POST
 * /admin/unlocks (behind the operator's token) clears the account-wide back-off and hard stop
 * and the password's pause at once, is audited with the operator and the reason, and is told
 * to the citizen on every contact; bad input is a problem, never a 5xx.
 */
import { describe, expect, it } from "vitest";
import { createAdminClient } from "../../sdk/src/index.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import type { Harness } from "./harness.ts";
import { citizenStub, lockOut } from "./lockout-support.ts";
import {
  activate,
  GOOD_PASSWORD,
  passwordHarness,
  passwordLogin,
  problem,
} from "./password-support.ts";

const unlock = (h: Harness, body: unknown, token = h.config.adminToken ?? "") =>
  h.call("POST", "/admin/unlocks", body, { authorization: `Bearer ${token}` });

const reason = "Identified at the Villallave office with her DNI";

async function pausedPassword(h: Harness, citizen: Citizen) {
  await activate(h, citizen);
  for (let i = 0; i < 5; i++) await passwordLogin(h, await h.startLogin(), citizen, `mal ${i}`);
  expect(await citizenStub(citizen).passwordGuard(h.clock.now())).toMatchObject({ blocked: true });
}

describe("an operator's unlock", () => {
  it("lifts the hard stop at once, by document number; audited with operator and reason; told to the citizen", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen({ email: `unlock-${Date.now()}@example.es` });
    await lockOut(h, citizen);
    const locked = await h.startLogin();
    await h.getPin(locked, h.pinRequest(citizen));
    expect((await h.verify(locked, "123456")).status).toBe(423);

    const response = await unlock(h, {
      document: citizen.documentNumber.toLowerCase(),
      operator: "officer-ana",
      reason,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      citizenId: citizen.id,
      unlockedAt: h.clock.now(),
      cleared: { failures: h.config.failures.hardStop, passwordFailures: 0 },
    });
    expect(await citizenStub(citizen).failureCount()).toBe(0);

    const { loginId, pin } = await h.loginWithPin(citizen);
    expect((await h.verify(loginId, pin)).status).toBe(200);

    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 1000 });
    const unlocked = events.filter((e) => e.event === "citizen.unlocked");
    expect(unlocked).toHaveLength(1);
    expect(unlocked[0]).toMatchObject({
      actor: "operator",
      detail: { operator: "officer-ana", reason, clearedFailures: h.config.failures.hardStop },
    });
    for (const to of [citizen.mobile ?? "", citizen.email ?? ""]) {
      const notices = (await h.outbox.list({ to })).filter((m) => m.kind === "unlocked");
      expect(notices, to).toHaveLength(1);
    }
  }, 120_000);

  it("lifts a password's pause, by citizen id through @llave/sdk: the right password works at once", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await pausedPassword(h, citizen);
    expect((await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD)).status).toBe(400);

    const admin = createAdminClient({
      baseUrl: "https://llave.test",
      token: h.config.adminToken ?? "",
      fetch: h.fetch,
    });
    const unlocked = await admin.unlockCitizen(
      { citizenId: citizen.id },
      { operator: "op-1", reason },
    );
    expect(unlocked).toEqual({
      citizenId: citizen.id,
      unlockedAt: h.clock.now(),
      cleared: { failures: 5, passwordFailures: 5 },
    });
    expect((await passwordLogin(h, await h.startLogin(), citizen, GOOD_PASSWORD)).status).toBe(200);
    await expect(
      admin.unlockCitizen({ citizenId: "cit_nobody" }, { operator: "op-1", reason }),
    ).rejects.toMatchObject({ problemCode: "citizen_not_found" });
  });

  it("needs the operator's token, a reason, an operator and one known citizen", async () => {
    const h = passwordHarness();
    const citizen = await h.registerCitizen();
    await pausedPassword(h, citizen);
    const good = { citizenId: citizen.id, operator: "op-1", reason };
    const refusals: [unknown, string | undefined, number, string][] = [
      [good, "not-the-token", 401, "unauthorized"],
      [{ ...good, reason: undefined }, undefined, 400, "invalid_request"],
      [{ ...good, reason: "  " }, undefined, 400, "invalid_request"],
      [{ ...good, operator: "" }, undefined, 400, "invalid_request"],
      [{ ...good, document: citizen.documentNumber }, undefined, 400, "invalid_request"],
      [{ operator: "op-1", reason }, undefined, 400, "invalid_request"],
      [{ ...good, citizenId: "cit_nobody" }, undefined, 404, "citizen_not_found"],
      [{ document: "12345678A", operator: "op-1", reason }, undefined, 400, "invalid_document"],
      ["not json at all", undefined, 400, "invalid_request"],
    ];
    for (const [body, token, status, code] of refusals) {
      const response = await unlock(h, body, token);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect((await problem(response)).code, JSON.stringify(body)).toBe(code);
    }
    // Nothing was lifted by the refused calls.
    expect(await citizenStub(citizen).passwordGuard(h.clock.now())).toMatchObject({
      blocked: true,
    });
    const events = await h.deps.audit.list({ citizenId: citizen.id, limit: 1000 });
    expect(events.filter((e) => e.event === "citizen.unlocked")).toHaveLength(0);
  });
});
