/**
 * Drives a citizen to the account-wide hard stop the way an attacker who knows the document
 * number and contrast datum would: wrong PINs, new PINs when one dies, every back-off waited
 * out on the harness's clock (and the hourly send limit kept).
 */
import { expect } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, type ProblemBody, testEnv } from "./harness.ts";

export const citizenStub = (citizen: Citizen) =>
  testEnv.CITIZENS.get(testEnv.CITIZENS.idFromName(citizen.id));

/** Fails PINs until the hard stop; returns when the last failure was made. */
export async function lockOut(h: Harness, citizen: Citizen): Promise<number> {
  const { hardStop } = h.config.failures;
  let failures = 0;
  let lastFailureAt = 0;
  let login: { loginId: string; pin: string } | null = null;
  while (failures < hardStop) {
    if (!login) {
      h.clock.advance(360_001); // keeps sends under 10 an hour
      login = await h.loginWithPin(citizen);
    }
    const wrong = login.pin === "000000" ? "111111" : "000000";
    const r = await h.verify(login.loginId, wrong);
    const body = (await r.json()) as ProblemBody;
    if (r.status === 429) {
      h.clock.advance(Number(body.retryAfter) * 1000);
      continue;
    }
    if (r.status === 410) {
      login = null;
      continue;
    }
    expect(body.code).toBe("invalid_pin");
    failures++;
    lastFailureAt = h.clock.now();
    if (body.triesLeft === 0) login = null;
  }
  expect(await citizenStub(citizen).failureCount()).toBe(hardStop);
  return lastFailureAt;
}
