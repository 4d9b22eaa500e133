/**
 * oidcc-ensure-redirect-uri-in-authorization-request — `redirect_uri` is REQUIRED in an
 * OpenID Connect authorization request (OIDC Core 3.1.2.1), even for a client with a single
 * registered URI: without it the provider shows an error page and does not redirect.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import { expectErrorPage } from "./support.ts";

describe("oidcc-ensure-redirect-uri-in-authorization-request", () => {
  it("shows an error page when redirect_uri is missing", async () => {
    const h = harness();
    const rp = await relyingParty(h, { redirectUris: [REDIRECT_URI] });
    const auth = await rp.authorization({ redirect_uri: undefined });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "invalid_request");
  });

  it("shows an error page when redirect_uri is empty", async () => {
    const h = harness();
    const rp = await relyingParty(h, { redirectUris: [REDIRECT_URI] });
    const auth = await rp.authorization({ redirect_uri: "" });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "invalid_request");
  });
});
