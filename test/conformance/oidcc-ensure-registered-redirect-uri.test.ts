/**
 * oidcc-ensure-registered-redirect-uri — an authorization request whose `redirect_uri` is not
 * one the client registered is refused on an error page and never redirected (OIDC Core
 * 3.1.2.1 and 3.1.2.2, RFC 6749 3.1.2.4 and 4.1.2.1, RFC 9700 2.1 and 4.1): the comparison is
 * exact, so another host, another path, a trailing slash or another case are all unregistered,
 * and the error is not sent there even when the rest of the request is also wrong.
 */
import { describe, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import { expectErrorPage } from "./support.ts";

describe("oidcc-ensure-registered-redirect-uri", () => {
  const h = harness();

  it.each([
    "https://attacker.example/callback",
    "https://sede.agencia.example/other",
    `${REDIRECT_URI}/`,
    REDIRECT_URI.toUpperCase(),
    REDIRECT_URI.replace("https:", "http:"),
    "https://sede.agencia.example.attacker.example/callback",
    `${REDIRECT_URI}#fragment`,
  ])("shows an error page for %s", async (redirectUri) => {
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ redirect_uri: redirectUri });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "invalid_request");
  });

  it("does not redirect there even when the request has other errors too", async () => {
    const rp = await relyingParty(h);
    const auth = await rp.authorization({
      redirect_uri: "https://attacker.example/callback",
      response_type: "token",
      scope: "profile",
      prompt: "none",
    });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "invalid_request");
  });

  it("shows an error page, not a redirect, for an unknown client", async () => {
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ client_id: "rp-does-not-exist" });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    await expectErrorPage(response, "unauthorized_client");
  });
});
