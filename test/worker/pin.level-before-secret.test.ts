/**
 * Issue 15 §6: a basic-level citizen was walked through a whole PIN login for a `substantial`
 * service and only then refused. A registration that cannot reach the service's level by any
 * method is sent no PIN; "Get PIN" still answers exactly as it does for an unknown document
 * and for a citizen who does get one (SECURITY.md "No enumeration"), and the login page says
 * beforehand what a basic registration can reach (docs/login-experience.md).
 */
import { describe, expect, it } from "vitest";
import { makeDni } from "../../worker/src/identity/documents.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import { type Harness, harness } from "./harness.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

async function loginAt(h: Harness, minAcr: "low" | "substantial"): Promise<string> {
  const rp = await relyingParty(h, { allowedMethods: ["pin"], minAcr });
  const browser = new Browser(h);
  const auth = await rp.authorization();
  return loginIdOf(await browser.request("GET", rp.authorizePath(auth.params))) ?? "";
}

async function answer(h: Harness, loginId: string, body: unknown) {
  const response = await h.getPin(loginId, body);
  const headers = [...response.headers].filter(([k]) => k !== "date");
  return { status: response.status, body: await response.text(), headers };
}

describe("Get PIN for a service a basic registration cannot reach", () => {
  it("sends no PIN to a basic citizen, and answers as for an unknown document and an advanced citizen", async () => {
    const h = harness();
    const basic: Citizen = await h.registerCitizen({ registrationLevel: "basic" });
    const advanced: Citizen = await h.registerCitizen();
    for (const channel of ["sms", "app"] as const) {
      const toBasic = await answer(
        h,
        await loginAt(h, "substantial"),
        h.pinRequest(basic, { channel }),
      );
      const toUnknown = await answer(h, await loginAt(h, "substantial"), {
        ...h.pinRequest(basic, { channel }),
        document: makeDni(Number(basic.documentNumber.slice(0, 8)) ^ 1),
      });
      const toAdvanced = await answer(
        h,
        await loginAt(h, "substantial"),
        h.pinRequest(advanced, { channel }),
      );
      expect(toBasic.status).toBe(202);
      expect(toBasic).toEqual(toUnknown);
      expect(toBasic).toEqual(toAdvanced);
    }
    expect(await h.delivered(basic.mobile ?? "")).toEqual([]);
    expect(await h.delivered(basic.id)).toEqual([]);
    expect(await h.delivered(advanced.mobile ?? "")).toHaveLength(1);
    expect(await h.delivered(advanced.id)).toHaveLength(1);
  });

  it("still sends one for a service a basic registration reaches", async () => {
    const h = harness();
    const basic = await h.registerCitizen({ registrationLevel: "basic" });
    const response = await h.getPin(await loginAt(h, "low"), h.pinRequest(basic));
    expect(response.status).toBe(202);
    expect(await h.delivered(basic.mobile ?? "")).toHaveLength(1);
  });
});
