/**
 * oidcc-ensure-request-with-unknown-parameter-succeeds — parameters the provider does not
 * understand are ignored (OIDC Core 3.1.2.1, RFC 6749 3.1 "MUST ignore unrecognized request
 * parameters"): the flow succeeds as without them. Parameters Llave does not implement but
 * that are harmless to ignore (`display`, `claims_locales`) go the
 * same way.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { signIn } from "./support.ts";

describe("oidcc-ensure-request-with-unknown-parameter-succeeds", () => {
  it("ignores unknown parameters", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { auth, claims } = await signIn(h, rp, new Browser(h), citizen, {
      extra_parameter: "foobar",
      display: "popup",
      claims_locales: "es",
      "x-weird[]": "<>",
    });
    expect(claims.nonce).toBe(auth.nonce);
  });
});
