/**
 * A lowered registration level reaches sessions and tokens at once (BRIEF.md "Suspension,
 * renunciation and level changes reach sessions and tokens at once"; citizen-standing.ts):
 * - the single sign-on session is worth at most the new cap: a request the cap still meets is
 *   answered with the capped `acr`, a request that needs more logs in again (`prompt=none`:
 *   `login_required`), never a token at a lower level than asked;
 * - a grant above the new cap stops: introspection says inactive, userinfo refuses the access
 *   token, and its refresh token is `invalid_grant` (the grant is revoked, so it does not come
 *   back if the level is raised again).
 */
import { describe, expect, it } from "vitest";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import {
  expectErrorResponse,
  expectInvalidToken,
  expectTokenError,
  redirectParams,
  signIn,
  userinfo,
} from "../conformance/support.ts";
import { Browser, relyingParty } from "./relying-party.ts";
import { introspect, LOW, SUBSTANTIAL, substantialPinHarness } from "./standing-support.ts";

const lower = (h: ReturnType<typeof substantialPinHarness>, citizen: Citizen) =>
  h.deps.accounts.changeStanding(
    citizen.id,
    { registrationLevel: "basic" },
    {
      actor: "operator",
      event: "citizen.level_changed",
      detail: { from: "advanced", to: "basic" },
    },
  );

describe("a lowered registration level", () => {
  it("caps what the session answers, and asks for a new login where the cap is not enough", async () => {
    const h = substantialPinHarness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen, { acr_values: SUBSTANTIAL });
    expect(first.claims.acr).toBe(SUBSTANTIAL);

    await lower(h, citizen);

    const none = await rp.authorization({ acr_values: SUBSTANTIAL, prompt: "none" });
    expectErrorResponse(
      redirectParams(await browser.request("GET", rp.authorizePath(none.params))),
      { error: "login_required", state: none.state, issuer: h.config.issuer },
    );
    const low = await signIn(h, rp, browser, null, { prompt: "none" });
    expect(low.claims.acr).toBe(LOW);
    expect(low.claims.sid).toBe(first.claims.sid);
  });

  it("stops the grants above the new level at introspection, userinfo and refresh", async () => {
    const h = substantialPinHarness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen({ registrationLevel: "advanced" });
    const { tokens } = await signIn(h, rp, new Browser(h), citizen, {
      acr_values: SUBSTANTIAL,
      scope: "openid profile offline_access",
    });
    const refreshToken = tokens.refresh_token ?? "";
    expect(await introspect(h, rp, tokens.access_token)).toMatchObject({
      active: true,
      acr: SUBSTANTIAL,
    });
    expect(await introspect(h, rp, refreshToken, "refresh_token")).toMatchObject({ active: true });

    await lower(h, citizen);

    expect(await introspect(h, rp, tokens.access_token)).toEqual({ active: false });
    expect(await introspect(h, rp, refreshToken, "refresh_token")).toEqual({ active: false });
    await expectInvalidToken(await userinfo(h, tokens.access_token));
    await expectTokenError(
      await rp.token({ grant_type: "refresh_token", refresh_token: refreshToken }),
      { status: 400, error: "invalid_grant" },
    );

    // Raising the level again does not bring the refused grant back.
    await h.deps.accounts.changeStanding(
      citizen.id,
      { registrationLevel: "advanced" },
      { actor: "operator", event: "citizen.level_changed", detail: { from: "basic" } },
    );
    expect(await introspect(h, rp, refreshToken, "refresh_token")).toEqual({ active: false });
    await expectInvalidToken(await userinfo(h, tokens.access_token));
  });
});
