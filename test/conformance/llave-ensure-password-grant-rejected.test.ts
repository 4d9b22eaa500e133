/**
 * llave-ensure-password-grant-rejected — the resource owner password credentials grant
 * "MUST NOT be used" (RFC 9700 2.4) and is not offered: `grant_type=password` from an
 * authenticated client gets 400 `unsupported_grant_type` (RFC 6749 5.2), as do the other
 * grants Llave does not implement. The suite has no module for it (its plans simply never try).
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { relyingParty } from "../worker/relying-party.ts";
import { expectTokenError } from "./support.ts";

describe("llave-ensure-password-grant-rejected", () => {
  const h = harness();

  it("refuses the password grant, even with a real citizen's credentials", async () => {
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const response = await rp.token({
      grant_type: "password",
      username: citizen.documentNumber,
      password: "123456",
      scope: "openid",
    });
    await expectTokenError(response, { status: 400, error: "unsupported_grant_type" });
  });

  it.each([
    "client_credentials",
    "implicit",
    "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "urn:ietf:params:oauth:grant-type:device_code",
    "urn:ietf:params:oauth:grant-type:token-exchange",
    "AUTHORIZATION_CODE",
  ])("refuses grant_type=%s", async (grantType) => {
    const rp = await relyingParty(h);
    await expectTokenError(await rp.token({ grant_type: grantType }), {
      status: 400,
      error: "unsupported_grant_type",
    });
  });
});
