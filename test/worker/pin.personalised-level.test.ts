/**
 * pin.personalised-level — a personal code is no factor (BRIEF.md "Levels of assurance",
 * issue 15 §2): whoever asks for the PIN chooses it on the spot, so "SMS PIN + any 4
 * characters" proves what the SMS PIN proves. A personalised SMS PIN is `low` for every
 * registration and its `amr` never claims `mfa` (nor a `pin` the citizen held beforehand),
 * through to the ID token an agency receives.
 */
import { describe, expect, it } from "vitest";
import { acrUri } from "../../worker/src/assurance/levels.ts";
import { methodLevels } from "../../worker/src/oidc/checks/acr.ts";
import { harness } from "./harness.ts";
import { Browser, relyingParty } from "./relying-party.ts";

describe("pin.personalised-level", () => {
  it("asserts a personalised SMS PIN of an advanced citizen at low, without mfa", async () => {
    const h = harness();
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const { loginId, pin } = await h.loginWithPin(citizen, { personalCode: "GATO" });
    const response = await h.verify(loginId, pin, "GATO");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { acr: string; amr: string[] };
    expect(body.acr).toBe(acrUri("low"));
    expect(body.amr).toEqual(["otp", "sms"]);
    expect(body.amr).not.toContain("mfa");
  });

  it("gives the agency a low ID token without mfa for a personalised SMS PIN", async () => {
    const h = harness();
    const rp = await relyingParty(h, { allowedMethods: ["pin"] });
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const auth = await rp.authorization();
    const query = await rp.authorize(new Browser(h), auth, citizen, { personalCode: "R2D2" });
    const tokens = (await (await rp.redeem(query.get("code") ?? "", auth)).json()) as {
      id_token: string;
    };
    const claims = await rp.verifyIdToken(tokens.id_token);
    expect(claims.acr).toBe(acrUri("low"));
    expect(claims.amr).toEqual(["otp", "sms"]);
  });

  it("cannot be used to reach substantial: a substantial request ends unmet", async () => {
    const h = harness();
    const rp = await relyingParty(h, { allowedMethods: ["pin"] });
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const auth = await rp.authorization({ acr_values: acrUri("substantial") });
    const query = await rp.authorize(new Browser(h), auth, citizen, { personalCode: "GATO" });
    expect(query.get("error")).toBe("unmet_authentication_requirements");
    expect(query.get("code")).toBeNull();
  });

  it("leaves the PIN method's best level to the app channel alone", () => {
    const h = harness({
      config: (c) => ({ ...c, assurance: { ...c.assurance, pinApp: "low", pinSms: "low" } }),
    });
    expect(methodLevels(h.config).pin).toBe("low");
  });
});
