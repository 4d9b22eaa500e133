/**
 * The AccountStore contract: what every adapter must do. Run it with `accountStoreContract(
 * "name", () => store)` from a test file next to the adapter's wiring.
 */
import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { makeDni, makeNie } from "../../worker/src/identity/documents.ts";
import {
  type AccountStore,
  DuplicateCitizenError,
  type NewCitizen,
} from "../../worker/src/storage/account-store.ts";
import type { AuditLog } from "../../worker/src/storage/audit-log.ts";

const digits = (n: number) => Array.from(cryptoRandom.bytes(n), (b) => String(b % 10)).join("");

export const sampleCitizen = (overrides: Partial<NewCitizen> = {}): NewCitizen => ({
  documentType: "DNI",
  documentNumber: makeDni(Number(digits(8))),
  contrastKind: "dni_validity",
  contrastValue: "2030-10-10",
  givenName: "María José",
  familyName: "Núñez",
  secondFamilyName: "Ibáñez",
  birthDate: "1970-02-28",
  mobile: `+346${digits(8)}`,
  email: "mj@example.es",
  registrationLevel: "basic",
  ...overrides,
});

export function accountStoreContract(
  name: string,
  make: () => { accounts: AccountStore; audit: AuditLog },
) {
  describe(`AccountStore contract: ${name}`, () => {
    it("registers a citizen and finds it by document and by id, with every field intact", async () => {
      const { accounts } = make();
      const input = sampleCitizen();
      const saved = await accounts.register(input, { actor: "operator" });
      expect(saved).toMatchObject({ ...input, status: "active" });
      expect(saved.id).toMatch(/^cit_/);
      expect(await accounts.findByDocument("DNI", input.documentNumber)).toEqual(saved);
      expect(await accounts.findById(saved.id)).toEqual(saved);
    });

    it("answers null for unknown documents and ids", async () => {
      const { accounts } = make();
      expect(await accounts.findByDocument("NIE", makeNie("Z", Number(digits(7))))).toBeNull();
      expect(await accounts.findById("cit_does_not_exist")).toBeNull();
    });

    it("keeps document types apart", async () => {
      const { accounts } = make();
      const nie = await accounts.register(
        sampleCitizen({
          documentType: "NIE",
          documentNumber: makeNie("Y", Number(digits(7))),
          contrastKind: "nie_support",
          contrastValue: "E00000001",
        }),
        { actor: "operator" },
      );
      expect(await accounts.findByDocument("DNI", nie.documentNumber)).toBeNull();
    });

    it("refuses a second citizen with the same document, atomically: no audit event for it", async () => {
      const { accounts, audit } = make();
      const input = sampleCitizen();
      const first = await accounts.register(input, { actor: "operator" });
      await expect(
        accounts.register({ ...input, givenName: "Other" }, { actor: "operator" }),
      ).rejects.toBeInstanceOf(DuplicateCitizenError);
      expect((await accounts.findByDocument("DNI", input.documentNumber))?.givenName).toBe(
        input.givenName,
      );
      const registered = (await audit.list({ limit: 1000 })).filter(
        (e) => e.event === "citizen.registered" && e.detail?.documentType === "DNI",
      );
      expect(registered.filter((e) => e.citizenId === first.id)).toHaveLength(1);
    });

    it("writes the registration audit event with the requester", async () => {
      const { accounts, audit } = make();
      const saved = await accounts.register(sampleCitizen(), {
        actor: "operator",
        ip: "198.51.100.2",
        userAgent: "ua",
      });
      const [event] = await audit.list({ citizenId: saved.id });
      expect(event).toMatchObject({
        event: "citizen.registered",
        actor: "operator",
        ip: "198.51.100.2",
        userAgent: "ua",
      });
    });

    it("changes a citizen's status and level with its audit event, in one batch", async () => {
      const { accounts, audit } = make();
      const saved = await accounts.register(sampleCitizen({ registrationLevel: "advanced" }), {
        actor: "operator",
      });
      const who = { actor: "operator" as const, ip: "198.51.100.3" };
      const suspended = await accounts.changeStanding(
        saved.id,
        { status: "suspended" },
        { ...who, event: "citizen.suspended", detail: { operator: "op", reason: "r" } },
      );
      expect(suspended).toMatchObject({ id: saved.id, status: "suspended" });
      const lowered = await accounts.changeStanding(
        saved.id,
        { registrationLevel: "basic" },
        { ...who, event: "citizen.level_changed", detail: { from: "advanced", to: "basic" } },
      );
      expect(lowered).toMatchObject({ status: "suspended", registrationLevel: "basic" });
      expect(await accounts.findById(saved.id)).toEqual(lowered);
      const events = await audit.list({ citizenId: saved.id });
      expect(events.map((e) => e.event)).toEqual([
        "citizen.level_changed",
        "citizen.suspended",
        "citizen.registered",
      ]);
      expect(events[1]).toMatchObject({
        actor: "operator",
        detail: { operator: "op", reason: "r" },
      });
      expect(
        await accounts.changeStanding(
          "cit_does_not_exist",
          { status: "active" },
          { ...who, event: "citizen.reinstated", detail: {} },
        ),
      ).toBeNull();
    });

    it("appends several audit events in one call and reads every field back", async () => {
      const { audit } = make();
      const loginId = `login-${digits(12)}`;
      const events = [
        {
          event: "pin.requested" as const,
          actor: "anonymous" as const,
          at: 1,
          citizenId: null,
          loginId,
          ip: "198.51.100.9",
          userAgent: "ua",
          detail: { channel: "sms", matched: false, n: 3, none: null },
        },
        {
          event: "pin.failed" as const,
          actor: "citizen" as const,
          at: 2,
          citizenId: "cit_x",
          loginId,
        },
      ];
      await audit.append(...events);
      const listed = await audit.list({ loginId });
      expect(listed.map(({ id: _, ...e }) => e)).toEqual([
        { ...events[1], ip: null, userAgent: null },
        events[0],
      ]);
    });
  });
}
