/**
 * oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported — `request_uri`
 * (OIDC Core 6.2) is either supported or refused with `request_uri_not_supported` (OIDC Core
 * 3.1.2.6). Llave does not fetch request objects by reference (discovery says
 * `request_uri_parameter_supported: false`, and fetching client-chosen URLs is an SSRF
 * surface): the error goes to the query's registered redirect URI with `state` and `iss`, and
 * nothing is fetched.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, relyingParty } from "../worker/relying-party.ts";
import { expectErrorResponse, redirectParams } from "./support.ts";

describe("oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported", () => {
  it("refuses request_uri as unsupported without fetching it", async () => {
    const fetched: string[] = [];
    const h = harness({
      deps: (d) => ({
        ...d,
        outbound: async (url) => {
          fetched.push(url);
          return new Response("", { status: 500 });
        },
      }),
    });
    const rp = await relyingParty(h);
    const auth = await rp.authorization({
      request_uri: "https://sede.agencia.example/request-objects/1.jwt",
    });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "request_uri_not_supported",
      state: auth.state,
      issuer: h.config.issuer,
    });
    expect(fetched).toEqual([]);
  });
});
