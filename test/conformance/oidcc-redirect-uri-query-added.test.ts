/**
 * oidcc-redirect-uri-query-added — the client registered a redirect URI without a query and
 * the request adds one (`?foo=bar`): that is not the registered URI, so the provider shows an
 * error page and does not redirect (OIDC Core 3.1.2.1 "exact match", RFC 9700 2.1 and 4.1.3).
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import { expectErrorPage } from "./support.ts";

describe("oidcc-redirect-uri-query-added", () => {
  it("shows an error page when a query is added to the registered redirect URI", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ redirect_uri: `${REDIRECT_URI}?foo=bar` });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "invalid_request");
  });
});
