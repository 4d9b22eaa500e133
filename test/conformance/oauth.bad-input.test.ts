/**
 * SECURITY.md "Bad input" for the protocol endpoints: fast-check drives /authorize and /token
 * with generated, hostile input — random and duplicated parameters, odd encodings, raw query
 * strings, wrong media types, broken client credentials — with and without a valid client and
 * redirect URI. Whatever arrives:
 *  - never a 5xx, never a stack trace, no CORS on /authorize;
 *  - /authorize either hands over to its own login page, or redirects ONLY to a redirect URI
 *    the client registered, with `error` (an RFC 6749 / OIDC code) and `iss`, or shows a 400
 *    HTML error page with nothing of the input unescaped (RFC 6749 4.1.2.1, RFC 9700 4.11);
 *  - /token answers a 4xx OAuth error JSON (RFC 6749 5.2), `no-store`, and never tokens.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { harness } from "../worker/harness.ts";
import { REDIRECT_URI, relyingParty } from "../worker/relying-party.ts";
import { OAUTH_ERROR_CODES, type RelyingParty } from "./support.ts";

const h = harness();
let rp: RelyingParty;
beforeAll(async () => {
  rp = await relyingParty(h);
});

const hostile = fc.constantFrom(
  "",
  "\u0000",
  "%00",
  "%zz",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "https://attacker.example/callback",
  `${REDIRECT_URI}/../evil`,
  `${REDIRECT_URI}?x=1`,
  "openid openid openid",
  "code id_token",
  "none login",
  "S256",
  "plain",
  "-1",
  "99999999999999999999",
  '{"id_token":{"acr":{"essential":true,"values":[{}]}}}',
  '{"userinfo":[]}',
  "http://eidas.europa.eu/LoA/high",
  "😀".repeat(30),
  "a".repeat(5000),
  "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.",
);
const oddString = fc.oneof(
  hostile,
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);
const AUTHORIZE_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "prompt",
  "max_age",
  "acr_values",
  "login_hint",
  "ui_locales",
  "claims",
  "request",
  "request_uri",
  "response_mode",
  "id_token_hint",
];
const paramName = fc.oneof(fc.constantFrom(...AUTHORIZE_PARAMS), fc.string({ maxLength: 12 }));
const entries = fc.array(fc.tuple(paramName, oddString), { maxLength: 10 });

/** A base request: nothing, a valid client only, a valid client and redirect URI, or valid. */
const base = fc.constantFrom("none", "client", "client+redirect", "valid");
async function baseParams(kind: string): Promise<[string, string][]> {
  if (kind === "none") return [];
  if (kind === "client") return [["client_id", rp.client.id]];
  if (kind === "client+redirect")
    return [
      ["client_id", rp.client.id],
      ["redirect_uri", REDIRECT_URI],
    ];
  return Object.entries((await rp.authorization()).params);
}

/** Overlays generated entries: same name replaces (so valid bases stay mostly valid), or adds. */
function overlay(baseEntries: [string, string][], extra: [string, string][], replace: boolean) {
  if (!replace) return [...baseEntries, ...extra];
  const names = new Set(extra.map(([n]) => n));
  return [...baseEntries.filter(([n]) => !names.has(n)), ...extra];
}

async function expectAuthorizeAnswer(response: Response) {
  const body = await response.text();
  expect(response.status, body).toBeLessThan(500);
  expect(response.headers.get("access-control-allow-origin")).toBeNull();
  expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  if (response.status === 302 || response.status === 303) {
    const location = new URL(response.headers.get("location") ?? "");
    if (location.origin === new URL(h.config.issuer).origin) {
      expect(location.pathname).toMatch(/^\/login\/[A-Za-z0-9_-]{22}$/);
      return;
    }
    const registered = rp.client.redirectUris.map((u) => new URL(u));
    const target = registered.find(
      (r) =>
        r.origin === location.origin &&
        r.pathname === location.pathname &&
        [...r.searchParams].every(([n, v]) => location.searchParams.getAll(n).includes(v)),
    );
    expect(target, location.href).toBeDefined();
    expect(OAUTH_ERROR_CODES).toContain(location.searchParams.get("error"));
    expect(location.searchParams.getAll("iss")).toEqual([h.config.issuer]);
    expect(location.searchParams.has("code")).toBe(false);
    return;
  }
  expect(response.status, body).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(response.headers.get("location")).toBeNull();
  expect(body).not.toMatch(/<script|<img|onerror=/i);
}

describe("/authorize under generated input", () => {
  it("GET with generated parameters", async () => {
    await fc.assert(
      fc.asyncProperty(base, entries, fc.boolean(), async (kind, extra, replace) => {
        const params = overlay(await baseParams(kind), extra, replace);
        const response = await h.call("GET", `/authorize?${new URLSearchParams(params)}`);
        await expectAuthorizeAnswer(response);
      }),
      { numRuns: 100 },
    );
  });

  it("GET with raw, possibly malformed query strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        base,
        fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), hostile),
        async (kind, raw) => {
          const valid = new URLSearchParams(await baseParams(kind)).toString();
          const response = await h.call("GET", `/authorize?${valid}&${raw}`);
          await expectAuthorizeAnswer(response);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("POST with generated forms and media types", async () => {
    await fc.assert(
      fc.asyncProperty(
        base,
        entries,
        fc.constantFrom(
          "application/x-www-form-urlencoded",
          "application/x-www-form-urlencoded; charset=utf-8",
          "application/json",
          "multipart/form-data; boundary=x",
          "text/plain",
          "",
        ),
        fc.boolean(),
        async (kind, extra, type, raw) => {
          const params = overlay(await baseParams(kind), extra, true);
          const body = raw
            ? JSON.stringify(Object.fromEntries(params))
            : new URLSearchParams(params).toString();
          const response = await h.call(
            "POST",
            "/authorize",
            body,
            type ? { "content-type": type } : {},
          );
          await expectAuthorizeAnswer(response);
        },
      ),
      { numRuns: 60 },
    );
  });
});

const GRANT_TYPES = fc.oneof(
  fc.constantFrom(
    "authorization_code",
    "refresh_token",
    "password",
    "client_credentials",
    "implicit",
    "urn:ietf:params:oauth:grant-type:jwt-bearer",
  ),
  oddString,
);
const TOKEN_PARAMS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "scope",
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
];
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

describe("/token under generated input", () => {
  const basic = () => rp.basic;
  const authorization = fc.oneof(
    fc.constant(undefined),
    fc.constant("valid"),
    printable,
    printable.map((s) => `Basic ${s}`),
    fc.string({ maxLength: 40 }).map((s) => `Basic ${btoa(encodeURIComponent(s))}`),
    fc.constantFrom(
      "Basic",
      "Basic ====",
      "Bearer x",
      `Basic ${btoa("%E0%A4%A:x")}`,
      `Basic ${btoa("a:b:c")}`,
    ),
  );

  it("answers every generated request with a 4xx OAuth error", async () => {
    await fc.assert(
      fc.asyncProperty(
        GRANT_TYPES,
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...TOKEN_PARAMS), fc.string({ maxLength: 12 })),
            oddString,
          ),
          {
            maxLength: 8,
          },
        ),
        authorization,
        fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain", ""),
        async (grantType, extra, auth, type) => {
          const form = new URLSearchParams([["grant_type", grantType], ...extra]).toString();
          const headers: Record<string, string> = type ? { "content-type": type } : {};
          if (auth !== undefined) headers.authorization = auth === "valid" ? basic() : auth;
          const response = await h.call("POST", "/token", form, headers);
          const text = await response.text();
          expect(response.status, text).toBeGreaterThanOrEqual(400);
          expect(response.status, text).toBeLessThan(500);
          expect(response.headers.get("content-type")).toMatch(/^application\/json/);
          expect(response.headers.get("cache-control")).toBe("no-store");
          const body = JSON.parse(text) as Record<string, unknown>;
          expect(OAUTH_ERROR_CODES).toContain(body.error);
          expect(body).not.toHaveProperty("access_token");
          expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("answers raw bodies of any bytes with a 4xx OAuth error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (raw) => {
        const response = await h.call("POST", "/token", raw, {
          "content-type": "application/x-www-form-urlencoded",
          authorization: basic(),
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(OAUTH_ERROR_CODES).toContain(((await response.json()) as { error: string }).error);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses an oversized body with 413 and an OAuth error", async () => {
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      code: "x".repeat(20_000),
    });
    for (const path of ["/token", "/backchannel-authentication"]) {
      const response = await h.call("POST", path, form.toString(), {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic(),
      });
      expect(response.status, path).toBe(413);
      expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(OAUTH_ERROR_CODES).toContain(((await response.json()) as { error: string }).error);
    }
  });
});
