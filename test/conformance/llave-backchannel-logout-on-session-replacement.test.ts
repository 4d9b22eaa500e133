/**
 * llave-backchannel-logout-on-session-replacement — a session replaced by a new login in the
 * same browser (a step-up to a higher level, or another citizen logging in) must not leave
 * the clients of the old session without a logout: every client that received an ID token
 * with a `sid` must eventually get a logout token for that `sid` (Back-Channel Logout 1.0
 * §2.5, §2.7: the OP sends it "to each RP that had a session with the OP for that End-User";
 * SECURITY.md "Session cookie … logout invalidates server-side"). The suite has no module for
 * replacement; this is Llave's session rotation (complete-login.ts) meeting back-channel
 * logout.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, finishLogin, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import {
  expectCodeResponse,
  logout,
  recordingOutbound,
  redirectParams,
  signIn,
  tokensOf,
  verifyLogoutToken,
} from "./support.ts";

describe("llave-backchannel-logout-on-session-replacement", () => {
  it("tells the clients of a session replaced by a step-up when the citizen logs out", async () => {
    const { sent, outbound } = recordingOutbound();
    const h = harness({ deps: (d) => ({ ...d, outbound }) });
    const low = await relyingParty(h, { backchannelLogoutUri: "https://sede.agencia.example/bcl" });
    const substantial = await relyingParty(h, {
      backchannelLogoutUri: "https://b.agencia.example/bcl",
    });
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, low, browser, citizen);

    const auth = await substantial.authorization({
      acr_values: "http://eidas.europa.eu/LoA/substantial",
    });
    const handedOver = await browser.request("GET", substantial.authorizePath(auth.params));
    const done = await finishLogin(h, browser, loginIdOf(handedOver) ?? "", citizen, {
      channel: "app",
    });
    const code = expectCodeResponse(redirectParams(done), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const stepped = await tokensOf(await substantial.redeem(code, auth));

    await logout(browser, { id_token_hint: stepped.id_token });
    const forLow = sent.filter((s) => s.url === "https://sede.agencia.example/bcl");
    expect(forLow, "the first client was never told").toHaveLength(1);
    expect(await verifyLogoutToken(h, forLow[0]?.token ?? "", low.client.id)).toMatchObject({
      sub: first.claims.sub,
      sid: first.claims.sid,
    });
  });

  it("tells the clients of a session ended by another citizen's login in the same browser", async () => {
    const { sent, outbound } = recordingOutbound();
    const h = harness({ deps: (d) => ({ ...d, outbound }) });
    const rp = await relyingParty(h, { backchannelLogoutUri: "https://sede.agencia.example/bcl" });
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, await h.registerCitizen());

    await signIn(h, rp, browser, await h.registerCitizen(), { prompt: "login" });
    const told = sent.filter((s) => s.url === "https://sede.agencia.example/bcl");
    expect(told, "the first citizen's session ended silently").toHaveLength(1);
    expect(await verifyLogoutToken(h, told[0]?.token ?? "", rp.client.id)).toMatchObject({
      sub: first.claims.sub,
      sid: first.claims.sid,
    });
  });
});
