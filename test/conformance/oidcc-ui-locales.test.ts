/**
 * oidcc-ui-locales — `ui_locales` (OIDC Core 3.1.2.1) is a preference: a request with it
 * succeeds whether or not the languages are offered, and values that are not language tags
 * are ignored rather than failing or reaching the page.
 */
import { describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { Browser, loginIdOf, relyingParty } from "../worker/relying-party.ts";
import { signIn } from "./support.ts";

describe("oidcc-ui-locales", () => {
  it.each(["es-ES", "ca eu gl es", "se"])("completes with ui_locales=%s", async (locales) => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const { claims } = await signIn(h, rp, new Browser(h), citizen, { ui_locales: locales });
    expect(claims.sub).toEqual(expect.any(String));
  });

  it("ignores values that are not language tags", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization({ ui_locales: '"><script>x</script> es' });
    const first = await browser.request("GET", rp.authorizePath(auth.params));
    const page = await (await browser.request("GET", `/login/${loginIdOf(first)}`)).text();
    expect(page).not.toContain("<script>x");
  });
});
