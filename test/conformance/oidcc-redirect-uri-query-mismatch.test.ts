/**
 * oidcc-redirect-uri-query-mismatch — the client registered a redirect URI with a query
 * (`…/cb?x=1`) and the request changes, extends or drops that query: not the registered URI,
 * so an error page and no redirect (OIDC Core 3.1.2.1, RFC 6749 3.1.2.2, RFC 9700 2.1).
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorPage } from "./support.ts";

const REGISTERED = "https://sede.agencia.example/cb?x=1";

describe("oidcc-redirect-uri-query-mismatch", () => {
  const h = harness();

  it.each([
    "https://sede.agencia.example/cb?x=2",
    "https://sede.agencia.example/cb?x=1&y=2",
    "https://sede.agencia.example/cb?y=2&x=1",
    "https://sede.agencia.example/cb",
    "https://sede.agencia.example/cb?X=1",
  ])("shows an error page for %s", async (redirectUri) => {
    const rp = await relyingParty(h);
    expect(rp.client.redirectUris).toContain(REGISTERED);
    const auth = await rp.authorization({ redirect_uri: redirectUri });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "invalid_request");
  });
});
