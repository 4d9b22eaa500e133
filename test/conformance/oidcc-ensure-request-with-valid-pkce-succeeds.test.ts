/**
 * oidcc-ensure-request-with-valid-pkce-succeeds — a request with an S256 PKCE challenge and
 * the matching `code_verifier` at the token endpoint succeeds (RFC 7636 4.1–4.6), with
 * verifiers of the minimum and maximum lengths (43 and 128 characters of the unreserved set).
 */
import { describe, it } from "vitest";
import { sha256 } from "../../worker/src/crypto/digest.ts";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { tokensOf } from "./support.ts";

describe("oidcc-ensure-request-with-valid-pkce-succeeds", () => {
  it.each([
    ["43", "a".repeat(43)],
    ["128", `${"A-._~".repeat(25)}xyz`],
  ])("redeems the code with a %s-character verifier", async (_, verifier) => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const challenge = await sha256(verifier);
    const auth = await rp.authorization({ code_challenge: challenge });
    auth.pkce = { verifier, challenge };
    const code = (await rp.authorize(new Browser(h), auth, citizen)).get("code") ?? "";
    await tokensOf(await rp.redeem(code, auth));
  });
});
