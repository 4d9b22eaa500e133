/**
 * The login inside `<llave-login>` (response_mode=web_message) and what the login app is
 * served with (SECURITY.md "Browser surface"): only a client's registered frame origin may
 * frame the login page (CSP frame-ancestors of that origin alone; every other page 'none');
 * the framed login binds the browser with its own Partitioned SameSite=None cookie, and the
 * full-page cookie cannot stand in for it, nor the other way round; every authorization
 * response of a framed login — code, error, cancel, an answer from the session — is a page
 * that hands the message to that origin, never a redirect. Also: the display parameters
 * (llave_theme, llave_style, llave_methods), the language of the page, the static assets, and
 * JSON in the page that must not end its script element.
 */
import { describe, expect, it } from "vitest";
import { CATALOGS } from "../../web-widget/src/i18n/catalogs.ts";
import type { Citizen } from "../../worker/src/storage/account-store.ts";
import {
  expectErrorPage,
  expectErrorResponse,
  redirectParams,
  signIn,
  tokensOf,
} from "../conformance/support.ts";
import { type Harness, harness } from "./harness.ts";
import { Browser, loginIdOf, relyingParty } from "./relying-party.ts";

/** The frame origin `relyingParty` clients register (sampleClient's `frameOrigins`). */
const FRAME_ORIGIN = "https://sede.agencia.example";
const FRAME_COOKIE = "__Host-llave-frame";
const BROWSER_COOKIE = "__Host-llave-browser";

type RelyingParty = Awaited<ReturnType<typeof relyingParty>>;

const framed = (origin = FRAME_ORIGIN) => ({
  response_mode: "web_message",
  web_message_uri: origin,
});

/** The directives of the response's Content-Security-Policy, by name (each one listed). */
function cspDirectives(response: Response): [string, string][] {
  const header = response.headers.get("content-security-policy") ?? "";
  return header
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const [name = "", ...values] = d.split(/\s+/);
      return [name.toLowerCase(), values.join(" ")];
    });
}

/** Who may frame the response: its one `frame-ancestors` directive, and no other mechanism. */
function frameAncestors(response: Response): string {
  const directives = cspDirectives(response).filter(([name]) => name === "frame-ancestors");
  expect(directives, response.headers.get("content-security-policy") ?? "no CSP").toHaveLength(1);
  expect(response.headers.get("x-frame-options")).toBeNull();
  return directives[0]?.[1] ?? "";
}

/** The JSON of `<script type="application/json" id="…">` in a page. */
function jsonIn(page: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(
    page,
  );
  expect(match, `no #${id} in the page`).not.toBeNull();
  return JSON.parse(match?.[1] ?? "");
}

type Boot = {
  loginId: string;
  locale: string;
  messages: Record<string, string>;
  agency: string;
  methods: string[];
  frameOrigin: string | null;
};

/** One Set-Cookie line for `name`: its value and its attributes (lower-case names). */
function setCookie(response: Response, name: string) {
  const lines = response.headers.getSetCookie().filter((l) => l.startsWith(`${name}=`));
  expect(lines, response.headers.getSetCookie().join("\n")).toHaveLength(1);
  const [pair = "", ...attributes] = (lines[0] ?? "").split(";");
  const value = pair.slice(name.length + 1);
  const attrs = new Map(
    attributes.map((a) => {
      const [key = "", v = ""] = a.split("=", 2).map((s) => s.trim());
      return [key.toLowerCase(), v] as const;
    }),
  );
  return { value, attrs };
}

const cookieNames = (response: Response) =>
  response.headers.getSetCookie().map((l) => l.split("=")[0]);

type ResponseMessage = {
  type: string;
  code?: string;
  error?: string;
  error_description?: string;
  state?: string;
  iss: string;
};

/**
 * A web_message authorization response: a 200 page (no redirect) that only `origin` may
 * frame, loading the respond script, with `{origin, message}` for that origin.
 */
async function responsePage(response: Response, origin = FRAME_ORIGIN): Promise<ResponseMessage> {
  const body = await response.text();
  expect(response.status, body).toBe(200);
  expect(response.headers.get("location")).toBeNull();
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(frameAncestors(response)).toBe(origin);
  expect(body).toMatch(/<script src="\/assets\/respond\.[0-9a-f]+\.js"/);
  const data = jsonIn(body, "llave-response") as { origin: string; message: ResponseMessage };
  expect(data.origin).toBe(origin);
  expect(data.message.type).toBe("llave:response");
  return data.message;
}

function expectCodeMessage(
  message: ResponseMessage,
  expected: { state: string; issuer: string },
): string {
  expect(message.error, message.error_description).toBeUndefined();
  expect(message.state).toBe(expected.state);
  expect(message.iss).toBe(expected.issuer);
  expect(message.code).toEqual(expect.any(String));
  return message.code ?? "";
}

function expectErrorMessage(
  message: ResponseMessage,
  expected: { error: string; state: string; issuer: string },
): void {
  expect(message.error, message.error_description).toBe(expected.error);
  expect(message.state).toBe(expected.state);
  expect(message.iss).toBe(expected.issuer);
  expect(message).not.toHaveProperty("code");
}

/** The citizen authenticates with an SMS PIN through the login API, as the login app does. */
async function authenticate(h: Harness, loginId: string, citizen: Citizen): Promise<void> {
  const got = await h.getPin(loginId, h.pinRequest(citizen));
  expect(got.status, await got.clone().text()).toBe(202);
  const pin = await h.latestPin(citizen.mobile ?? "");
  const verified = await h.verify(loginId, pin);
  expect(verified.status).toBe(200);
}

/** The login app's own form posts come from the issuer's origin (the frame's document). */
const fromLlave = (h: Harness) => ({ origin: new URL(h.config.issuer).origin });

/** GET /authorize in `browser`, which must hand over to the login page; its login id. */
async function handOver(browser: Browser, rp: RelyingParty, params: Record<string, string>) {
  const response = await browser.request("GET", rp.authorizePath(params));
  const loginId = loginIdOf(response);
  expect(loginId, `${response.status} ${response.headers.get("location")}`).not.toBeNull();
  return { response, loginId: loginId ?? "" };
}

describe("framed login: hand-over to the login page", () => {
  it("lets the registered frame origin, and only it, frame the login page", async () => {
    const h = harness();
    const portal = "https://portal.agencia.example";
    const rp = await relyingParty(h, { frameOrigins: [FRAME_ORIGIN, portal] });
    const browser = new Browser(h);
    const auth = await rp.authorization(framed(portal));

    const { response, loginId } = await handOver(browser, rp, auth.params);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${h.config.issuer}/login/${loginId}`);

    const login = await browser.request("GET", `/login/${loginId}`);
    const body = await login.text();
    expect(login.status).toBe(200);
    // Exactly the requested origin: not the client's other frame origin, not 'self', no '*'.
    expect(frameAncestors(login)).toBe(portal);
    expect(body).toMatch(/<html[^>]* class="framed"/);
    expect((jsonIn(body, "llave-boot") as Boot).frameOrigin).toBe(portal);
  });

  it("binds the framed login with the Partitioned SameSite=None frame cookie", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { response } = await handOver(browser, rp, (await rp.authorization(framed())).params);

    const cookie = setCookie(response, FRAME_COOKIE);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attrs.get("samesite")?.toLowerCase()).toBe("none");
    expect(cookie.attrs.has("secure")).toBe(true);
    expect(cookie.attrs.has("httponly")).toBe(true);
    expect(cookie.attrs.has("partitioned")).toBe(true);
    expect(cookie.attrs.get("path")).toBe("/");
    expect(cookie.attrs.has("domain")).toBe(false);
    expect(cookieNames(response)).not.toContain(BROWSER_COOKIE);
  });

  it("keeps the full-page login unframable, with the Lax browser cookie", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { response, loginId } = await handOver(browser, rp, (await rp.authorization()).params);

    const cookie = setCookie(response, BROWSER_COOKIE);
    expect(cookie.attrs.get("samesite")?.toLowerCase()).toBe("lax");
    expect(cookie.attrs.has("partitioned")).toBe(false);
    expect(cookieNames(response)).not.toContain(FRAME_COOKIE);

    const login = await browser.request("GET", `/login/${loginId}`);
    const body = await login.text();
    expect(login.status).toBe(200);
    expect(frameAncestors(login)).toBe("'none'");
    expect(body).not.toMatch(/<html[^>]* class="framed"/);
    expect((jsonIn(body, "llave-boot") as Boot).frameOrigin).toBeNull();
  });

  it.each([
    ["an origin the client did not register", { web_message_uri: "https://otra.example" }],
    ["no web_message_uri", { web_message_uri: undefined }],
    ["an origin with a path", { web_message_uri: `${FRAME_ORIGIN}/tramites` }],
    ["an origin with a trailing slash", { web_message_uri: `${FRAME_ORIGIN}/` }],
    ["another scheme", { web_message_uri: "http://sede.agencia.example" }],
    ["the opaque origin", { web_message_uri: "null" }],
  ])("shows an error page, never a redirect, for %s", async (_, extra) => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization({ response_mode: "web_message", ...extra });
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    expect(frameAncestors(response)).toBe("'none'");
    expect(cookieNames(response)).not.toContain(FRAME_COOKIE);
    await expectErrorPage(response, "invalid_request");
  });

  it("refuses web_message for a client with no frame origins", async () => {
    const h = harness();
    const rp = await relyingParty(h, { frameOrigins: [] });
    const auth = await rp.authorization(framed());
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expect(frameAncestors(response)).toBe("'none'");
    await expectErrorPage(response, "invalid_request");
  });

  it("accepts web_message through POST /authorize as well", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization(framed());
    const response = await browser.request(
      "POST",
      "/authorize",
      new URLSearchParams(auth.params).toString(),
    );
    expect(loginIdOf(response)).not.toBeNull();
    expect(cookieNames(response)).toContain(FRAME_COOKIE);
  });
});

describe("framed login: the authorization response is a message to the frame origin", () => {
  it("completes with a code for the registered origin, and the code redeems", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization(framed());
    const { loginId } = await handOver(browser, rp, auth.params);
    await authenticate(h, loginId, citizen);

    const done = await browser.request("POST", `/login/${loginId}/continue`, "", fromLlave(h));
    const code = expectCodeMessage(await responsePage(done), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const tokens = await tokensOf(await rp.redeem(code, auth));
    const claims = await rp.verifyIdToken(tokens.id_token);
    expect(claims.nonce).toBe(auth.nonce);
    // The login opened a session, as a full-page one does.
    expect(cookieNames(done)).toContain("__Host-llave-session");
  });

  it("returns state verbatim in the message, even when it looks like markup", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const state = `x</script><script>alert(1)</script>\u2028"'&`;
    const auth = await rp.authorization({ ...framed(), state });
    const { loginId } = await handOver(browser, rp, auth.params);
    await authenticate(h, loginId, citizen);

    const done = await browser.request("POST", `/login/${loginId}/continue`, "", fromLlave(h));
    const body = await done.clone().text();
    expect(body).not.toContain("<script>alert(1)");
    expectCodeMessage(await responsePage(done), { state, issuer: h.config.issuer });
  });

  it("does not complete a framed login with the full-page cookie's binding", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization(framed());
    const { response, loginId } = await handOver(browser, rp, auth.params);
    const binding = setCookie(response, FRAME_COOKIE).value;
    await authenticate(h, loginId, citizen);

    const wrong = await h.call("POST", `/login/${loginId}/continue`, "", {
      ...fromLlave(h),
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${BROWSER_COOKIE}=${binding}`,
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("llave-response");

    // The login itself was fine: with the frame cookie it completes.
    const right = await h.call("POST", `/login/${loginId}/continue`, "", {
      ...fromLlave(h),
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${FRAME_COOKIE}=${binding}`,
    });
    expectCodeMessage(await responsePage(right), { state: auth.state, issuer: h.config.issuer });
  });

  it("does not complete a full-page login with the frame cookie's binding", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const auth = await rp.authorization();
    const { response, loginId } = await handOver(browser, rp, auth.params);
    const binding = setCookie(response, BROWSER_COOKIE).value;
    await authenticate(h, loginId, citizen);

    const wrong = await h.call("POST", `/login/${loginId}/continue`, "", {
      ...fromLlave(h),
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${FRAME_COOKIE}=${binding}`,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get("location")).toBeNull();

    const right = await h.call("POST", `/login/${loginId}/continue`, "", {
      ...fromLlave(h),
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${BROWSER_COOKIE}=${binding}`,
    });
    expect(redirectParams(right).get("code")).toEqual(expect.any(String));
  });

  it("refuses a continue posted by the embedding page's origin", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const { loginId } = await handOver(browser, rp, (await rp.authorization(framed())).params);
    await authenticate(h, loginId, citizen);

    const response = await browser.request("POST", `/login/${loginId}/continue`, "", {
      origin: FRAME_ORIGIN,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("llave-response");
  });

  it("answers a cancel with access_denied as a message", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization(framed());
    const { loginId } = await handOver(browser, rp, auth.params);

    const cancelled = await browser.request("POST", `/login/${loginId}/cancel`, "", fromLlave(h));
    expectErrorMessage(await responsePage(cancelled), {
      error: "access_denied",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("answers from the single sign-on session with a code message, no login", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const citizen = await h.registerCitizen();
    const browser = new Browser(h);
    const first = await signIn(h, rp, browser, citizen);

    const auth = await rp.authorization(framed());
    const response = await browser.request("GET", rp.authorizePath(auth.params));
    const code = expectCodeMessage(await responsePage(response), {
      state: auth.state,
      issuer: h.config.issuer,
    });
    const claims = await rp.verifyIdToken((await tokensOf(await rp.redeem(code, auth))).id_token);
    expect(claims.sid).toBe(first.claims.sid);
    expect(claims.sub).toBe(first.claims.sub);
  });

  it("answers prompt=none without a session with login_required as a message", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ ...framed(), prompt: "none" });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorMessage(await responsePage(response), {
      error: "login_required",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it.each([
    ["an unknown llave_theme", { llave_theme: "neon" }, "invalid_request"],
    ["a scope without openid", { scope: "profile" }, "invalid_scope"],
    ["an unknown prompt", { prompt: "bogus" }, "invalid_request"],
    ["a response_type other than code", { response_type: "token" }, "unsupported_response_type"],
    ["no PKCE", { code_challenge: undefined }, "invalid_request"],
  ])("answers %s with the error as a message, not a redirect", async (_, extra, error) => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ ...framed(), ...extra });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorMessage(await responsePage(response), {
      error,
      state: auth.state,
      issuer: h.config.issuer,
    });
  });
});

describe("display parameters", () => {
  it("writes valid llave_style values into the login page's style, and llave_theme", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const style = {
      "--llave-color-primary": "#123456",
      "--llave-color-on-primary": "rgb(255, 255, 255)",
      "--llave-color-background": "white",
      "--llave-radius": "0.5rem",
      "--llave-font": '"Noto Sans", Georgia, serif',
    };
    const auth = await rp.authorization({
      ...framed(),
      llave_style: JSON.stringify(style),
      llave_theme: "dark",
    });
    const { loginId } = await handOver(browser, rp, auth.params);
    const body = await (await browser.request("GET", `/login/${loginId}`)).text();
    const inline = /<style>([^<]*)<\/style>/.exec(body)?.[1] ?? "";
    for (const [name, value] of Object.entries(style)) expect(inline).toContain(`${name}:${value}`);
    expect(body).toMatch(/<html[^>]* data-theme="dark"/);
  });

  it("defaults to the auto theme and no inline style", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { loginId } = await handOver(browser, rp, (await rp.authorization(framed())).params);
    const body = await (await browser.request("GET", `/login/${loginId}`)).text();
    expect(body).toMatch(/<html[^>]* data-theme="auto"/);
    expect(body).not.toContain("<style>");
  });

  it.each([
    ["not JSON", "{--llave-radius: 4px}"],
    ["a JSON array", '["--llave-radius"]'],
    ["a JSON string", '"--llave-radius"'],
    ["JSON null", "null"],
    ["an unknown property", '{"--llave-evil":"red"}'],
    ["a property without the prefix", '{"color":"red"}'],
    ["a non-string value", '{"--llave-radius":4}'],
    ["a value with ;", '{"--llave-color-primary":"red;background:red"}'],
    ["a value with }", '{"--llave-color-primary":"red}body{display:none"}'],
    ["a url()", '{"--llave-color-background":"url(https://evil.example/x)"}'],
    ["a font with url()", '{"--llave-font":"url(https://evil.example/f)"}'],
    ["a font with ;", '{"--llave-font":"Arial;color:red"}'],
    ["a font that ends the style element", '{"--llave-font":"</style><script>"}'],
    ["a length with a unit it does not accept", '{"--llave-radius":"4vw"}'],
    ["an rgb() with something else in it", '{"--llave-color-primary":"rgb(1,2,3) url(x)"}'],
    ["an empty value", '{"--llave-color-text":""}'],
    // Object.prototype's names are not style properties (checks/display.ts: own properties).
    ["a property of Object.prototype", '{"constructor":"red"}'],
    ["__proto__", '{"__proto__":"red"}'],
    ["toString", '{"toString":"red"}'],
  ])("refuses llave_style with %s as invalid_request", async (_, llaveStyle) => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ ...framed(), llave_style: llaveStyle });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorMessage(await responsePage(response), {
      error: "invalid_request",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("refuses a bad llave_style in the query mode with a redirect", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ llave_style: '{"--llave-radius":"1px;x"}' });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorResponse(redirectParams(response), {
      error: "invalid_request",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });

  it("narrows the offered methods with llave_methods", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const auth = await rp.authorization({ ...framed(), llave_methods: "password pin" });
    const { loginId } = await handOver(browser, rp, auth.params);
    const body = await (await browser.request("GET", `/login/${loginId}`)).text();
    expect((jsonIn(body, "llave-boot") as Boot).methods).toEqual(["pin"]);
  });

  it.each([
    ["a method the client does not allow", "password"],
    ["unknown methods", "telepathy"],
  ])("answers llave_methods with %s with unmet_authentication_requirements", async (_, methods) => {
    const h = harness();
    const rp = await relyingParty(h);
    const auth = await rp.authorization({ ...framed(), llave_methods: methods });
    const response = await new Browser(h).request("GET", rp.authorizePath(auth.params));
    expectErrorMessage(await responsePage(response), {
      error: "unmet_authentication_requirements",
      state: auth.state,
      issuer: h.config.issuer,
    });
  });
});

describe("the login page's boot data", () => {
  it("cannot be ended by a client name with markup", async () => {
    const h = harness();
    const name = `Agencia </script><script>alert(1)</script><!-- & "co" \u2028`;
    const rp = await relyingParty(h, { name });
    const browser = new Browser(h);
    const { loginId } = await handOver(browser, rp, (await rp.authorization(framed())).params);
    const body = await (await browser.request("GET", `/login/${loginId}`)).text();

    expect(body).not.toContain("<script>alert(1)");
    expect(body).not.toContain("<!--");
    // Two script elements only: the app and its boot data.
    expect(body.match(/<script\b/g)).toHaveLength(2);
    expect((jsonIn(body, "llave-boot") as Boot).agency).toBe(name);
    expect(body).toContain("Agencia &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each([
    ["?lang= over ui_locales", { ui_locales: "ca" }, "?lang=eu", undefined, "eu"],
    ["ui_locales over Accept-Language", { ui_locales: "xx gl" }, "", "fr", "gl"],
    ["Accept-Language by q-value", {}, "", "de, fr;q=0.5, it;q=0.8", "it"],
    ["ca-ES-valencia as Catalan", { ui_locales: "ca-ES-valencia" }, "", undefined, "ca"],
    ["Spanish when nothing is supported", { ui_locales: "de" }, "", "ja, *;q=0.1", "es"],
    ["past an unsupported ?lang= to the next source", {}, "?lang=xx", "ro", "ro"],
    ["Spanish when no source names a supported language", {}, "?lang=xx", "de", "es"],
  ])("chooses the language: %s", async (_, extra, query, acceptLanguage, locale) => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { loginId } = await handOver(browser, rp, (await rp.authorization(extra)).params);
    const response = await browser.request(
      "GET",
      `/login/${loginId}${query}`,
      undefined,
      acceptLanguage ? { "accept-language": acceptLanguage } : {},
    );
    const body = await response.text();
    expect(body).toMatch(new RegExp(`<html lang="${locale}"`));
    const boot = jsonIn(body, "llave-boot") as Boot;
    expect(boot.locale).toBe(locale);
    // Only the chosen language's catalog travels.
    expect(boot.messages).toEqual(CATALOGS[locale as keyof typeof CATALOGS]);
  });
});

describe("discovery and static assets", () => {
  it("advertises the web_message response mode", async () => {
    const h = harness();
    const response = await h.call("GET", "/.well-known/openid-configuration");
    const metadata = (await response.json()) as { response_modes_supported: string[] };
    expect(metadata.response_modes_supported).toEqual(
      expect.arrayContaining(["query", "web_message"]),
    );
  });

  it("serves /llave-login.js for an hour with an ETag, and 304 when it has not changed", async () => {
    const h = harness();
    const response = await h.call("GET", "/llave-login.js");
    const script = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(script).toContain("llave-login");

    const same = await h.call("GET", "/llave-login.js", undefined, { "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);

    const stale = await h.call("GET", "/llave-login.js", undefined, { "if-none-match": '"0"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(script);

    // The content-hashed copy is the same script, cacheable for good.
    const pinned = await h.call("GET", `/assets/llave-login.${etag.slice(1, -1)}.js`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await pinned.text()).toBe(script);
  });

  it("serves the login page's script and stylesheet as immutable assets", async () => {
    const h = harness();
    const rp = await relyingParty(h);
    const browser = new Browser(h);
    const { loginId } = await handOver(browser, rp, (await rp.authorization()).params);
    const body = await (await browser.request("GET", `/login/${loginId}`)).text();
    const script = /<script src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1] ?? "";
    const css = /<link rel="stylesheet" href="(\/assets\/[^"]+\.css)"/.exec(body)?.[1] ?? "";
    for (const [path, type] of [
      [script, /^text\/javascript/],
      [css, /^text\/css/],
    ] as const) {
      const asset = await h.call("GET", path);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get("content-type")).toMatch(type);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
  });

  it.each(["/assets/login-app.000000000000.js", "/assets/nothing.css", "/assets/llave-login.js"])(
    "answers 404 for %s",
    async (path) => {
      const h = harness();
      const response = await h.call("GET", path);
      expect(response.status).toBe(404);
      expect(response.headers.get("cache-control") ?? "").not.toMatch(/immutable/);
    },
  );
});
