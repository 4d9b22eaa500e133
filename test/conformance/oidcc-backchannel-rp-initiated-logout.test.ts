/**
 * oidcc-backchannel-rp-initiated-logout — RP-initiated logout tells every client of the
 * session by back-channel (OpenID Connect Back-Channel Logout 1.0 §2.5–2.7): a POST of a form
 * with `logout_token` to each registered `backchannel_logout_uri`, the token a JWT signed by
 * the provider with `typ: logout+jwt`, `iss`, `aud` = the client, the client's `sub`, the
 * session's `sid` (as in the ID tokens of that session), the back-channel event, `iat`, `jti`,
 * and no `nonce` (§2.4). A client of the session without a back-channel URI gets nothing; a
 * client that was not part of the session gets nothing.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import {
  logout,
  POST_LOGOUT_URI,
  recordingOutbound,
  signIn,
  verifyLogoutToken,
} from "./support.ts";

describe("oidcc-backchannel-rp-initiated-logout", () => {
  it("sends each client of the session a valid logout token", async () => {
    const { sent, outbound } = recordingOutbound();
    const h = harness({ deps: (d) => ({ ...d, outbound }) });
    const a = await relyingParty(h, { backchannelLogoutUri: "https://sede.agencia.example/bcl" });
    const b = await relyingParty(h, { backchannelLogoutUri: "https://b.agencia.example/bcl" });
    const silent = await relyingParty(h);
    const outsider = await relyingParty(h, { backchannelLogoutUri: "https://x.example/bcl" });
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, a, browser, citizen);
    const second = await signIn(h, b, browser, null);
    await signIn(h, silent, browser, null);
    await signIn(h, outsider, new Browser(h), citizen);
    expect(second.claims.sid).toBe(first.claims.sid);
    expect(sent).toEqual([]);

    const response = await logout(browser, {
      id_token_hint: first.tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
    });
    expect(response.status).toBe(303);

    expect(sent.map((s) => s.url).sort()).toEqual([
      "https://b.agencia.example/bcl",
      "https://sede.agencia.example/bcl",
    ]);
    for (const delivery of sent) {
      expect(delivery.method).toBe("POST");
      expect(delivery.contentType).toBe("application/x-www-form-urlencoded");
    }
    const forA = sent.find((s) => s.url.startsWith("https://sede."))?.token ?? "";
    const forB = sent.find((s) => s.url.startsWith("https://b."))?.token ?? "";
    expect(await verifyLogoutToken(h, forA, a.client.id)).toMatchObject({
      sub: first.claims.sub,
      sid: first.claims.sid,
    });
    expect(await verifyLogoutToken(h, forB, b.client.id)).toMatchObject({
      sub: second.claims.sub,
      sid: second.claims.sid,
    });
  });
});
