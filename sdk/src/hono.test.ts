/**
 * The Hono middleware against the fake provider: login sets a sealed pending cookie and
 * redirects, the callback opens a sealed session, logout clears it; a callback without this
 * browser's pending cookie, or a tampered session cookie, logs nobody in. `requireLogin()`
 * redirects anonymous browsers and answers APIs 401. Time is the fake provider's clock, given
 * to the client as `now`: the cookies expire by it, not by the machine's.
 */
import { Hono } from "hono";
import { beforeEach, describe, expect, it } from "vitest";
import { CLIENT_ID, type FakeOp, fakeOp, ISSUER, REDIRECT_URI, SECRET } from "../test/fake-op.ts";
import { LlaveError } from "./errors.ts";
import { type LlaveVariables, llave, requireLogin } from "./hono.ts";

const SESSION_SECRET = "a-session-secret-of-at-least-32-chars!";
let op: FakeOp;
let app: Hono<{ Variables: LlaveVariables }>;

beforeEach(async () => {
  op = await fakeOp();
  app = new Hono<{ Variables: LlaveVariables }>();
  app.use(
    llave({
      client: {
        issuer: ISSUER,
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        fetch: op.fetch,
        now: op.now,
      },
      secret: SESSION_SECRET,
      redirectUri: REDIRECT_URI,
      scope: "openid profile",
      sessionSeconds: 3600,
      postLogoutRedirectUri: "https://sede.test/",
    }),
  );
  app.get("/", (c) => c.text(c.var.llave ? `hola ${c.var.llave.claims.sub}` : "anon"));
  app.get("/me", (c) => c.json(c.var.llave?.claims ?? null));
  app.use("/tramites/*", requireLogin());
  app.get("/tramites/*", (c) => c.text(`trámites de ${c.var.llave?.claims.sub}`));
  app.onError((error, c) =>
    c.text(
      error instanceof LlaveError ? error.code : "other",
      error instanceof LlaveError ? 400 : 500,
    ),
  );
});

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => !pair.endsWith("="))
    .join("; ");

async function signIn() {
  const login = await app.request("https://sede.test/login?returnTo=/tramites");
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get("location") ?? "");
  const nonce = authorize.searchParams.get("nonce") ?? "";
  op.answerTokens(async () => Response.json(await op.tokens({ nonce })));
  const params = new URLSearchParams({
    code: "c",
    state: authorize.searchParams.get("state") ?? "",
    iss: ISSUER,
  });
  const pending = cookiesOf(login);
  return { pending, params };
}

describe("llave() for Hono", () => {
  it("logs in through login and callback, then logs out", async () => {
    const { pending, params } = await signIn();
    expect(pending).toMatch(/^__Host-llave-pending=/);
    const callback = await app.request(`${REDIRECT_URI}?${params}`, {
      headers: { cookie: pending },
    });
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("/tramites");
    const session = cookiesOf(callback);
    expect(session).toMatch(/^__Host-llave-session=/);

    const home = await app.request("https://sede.test/", { headers: { cookie: session } });
    expect(await home.text()).toBe("hola citizen-1");
    // The scope's claims come from userinfo and are merged into the session's claims.
    const me = await app.request("https://sede.test/me", { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ sub: "citizen-1", given_name: "Lucía" });

    const logout = await app.request("https://sede.test/logout", { headers: { cookie: session } });
    const to = new URL(logout.headers.get("location") ?? "");
    expect(to.origin + to.pathname).toBe(`${ISSUER}/logout`);
    expect(to.searchParams.get("id_token_hint")).toBeTruthy();
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe("https://sede.test/");
    expect(logout.headers.getSetCookie().join()).toMatch(/__Host-llave-session=;/);
  });

  it("refuses a callback this browser did not start", async () => {
    const { params } = await signIn();
    const callback = await app.request(`${REDIRECT_URI}?${params}`);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toBe("invalid_state");
  });

  it("treats a tampered session cookie as no session", async () => {
    const { pending, params } = await signIn();
    const callback = await app.request(`${REDIRECT_URI}?${params}`, {
      headers: { cookie: pending },
    });
    const session = cookiesOf(callback);
    // One character of the JWE's ciphertext changed: a first character of a segment carries
    // six bits of data, never padding bits, so the bytes always change.
    const [name, value = ""] = session.split("=");
    const parts = value.split(".");
    const ciphertext = parts[3] ?? "";
    parts[3] = `${ciphertext.startsWith("A") ? "B" : "A"}${ciphertext.slice(1)}`;
    const tampered = `${name}=${parts.join(".")}`;
    const home = await app.request("https://sede.test/", { headers: { cookie: tampered } });
    expect(await home.text()).toBe("anon");
  });

  it("does not redirect to another origin after login", async () => {
    const login = await app.request("https://sede.test/login?returnTo=//evil.test/");
    const { pending } = { pending: cookiesOf(login) };
    const authorize = new URL(login.headers.get("location") ?? "");
    const nonce = authorize.searchParams.get("nonce") ?? "";
    op.answerTokens(async () => Response.json(await op.tokens({ nonce })));
    const params = new URLSearchParams({
      code: "c",
      state: authorize.searchParams.get("state") ?? "",
      iss: ISSUER,
    });
    const callback = await app.request(`${REDIRECT_URI}?${params}`, {
      headers: { cookie: pending },
    });
    expect(callback.headers.get("location")).toBe("/");
  });

  it("ends the session when the client's clock passes its end", async () => {
    const { pending, params } = await signIn();
    const callback = await app.request(`${REDIRECT_URI}?${params}`, {
      headers: { cookie: pending },
    });
    const session = cookiesOf(callback);
    op.advance(3599);
    const before = await app.request("https://sede.test/", { headers: { cookie: session } });
    expect(await before.text()).toBe("hola citizen-1");
    op.advance(2);
    const after = await app.request("https://sede.test/", { headers: { cookie: session } });
    expect(await after.text()).toBe("anon");
  });

  it("refuses a callback after the pending request expired by the client's clock", async () => {
    const { pending, params } = await signIn();
    op.advance(601);
    const callback = await app.request(`${REDIRECT_URI}?${params}`, {
      headers: { cookie: pending },
    });
    expect(await callback.text()).toBe("invalid_state");
  });

  it("needs a session secret of at least 32 characters", () => {
    expect(() =>
      llave({
        client: { issuer: ISSUER, clientId: CLIENT_ID, clientSecret: SECRET, fetch: op.fetch },
        secret: "short",
        redirectUri: REDIRECT_URI,
      }),
    ).toThrow(expect.objectContaining({ code: "invalid_configuration" }));
  });
});

describe("requireLogin()", () => {
  const html = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

  it("redirects an anonymous browser to login, returning to the current path", async () => {
    const response = await app.request("https://sede.test/tramites/42?tab=docs", {
      headers: html,
    });
    expect(response.status).toBe(302);
    const to = new URL(response.headers.get("location") ?? "", "https://sede.test");
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("returnTo")).toBe("/tramites/42?tab=docs");
  });

  it("answers 401 to an anonymous request that accepts JSON", async () => {
    const response = await app.request("https://sede.test/tramites/42", {
      headers: { accept: "application/json" },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401 });
    const post = await app.request("https://sede.test/tramites/42", {
      method: "POST",
      headers: html,
    });
    expect(post.status).toBe(401);
  });

  it("never puts another origin in returnTo", async () => {
    // A path starting with `//` would be a protocol-relative URL to another host.
    app.use("*", requireLogin());
    const response = await app.request("https://sede.test//evil.test/tramites/x", {
      headers: html,
    });
    expect(response.headers.get("location")).toBe("/login");
  });

  it("lets a logged-in citizen through, with the claims on the context", async () => {
    const { pending, params } = await signIn();
    const callback = await app.request(`${REDIRECT_URI}?${params}`, {
      headers: { cookie: pending },
    });
    const response = await app.request("https://sede.test/tramites/42", {
      headers: { ...html, cookie: cookiesOf(callback) },
    });
    expect(await response.text()).toBe("trámites de citizen-1");
  });

  it("needs llave() mounted before it", async () => {
    const bare = new Hono<{ Variables: LlaveVariables }>();
    bare.use(requireLogin());
    bare.get("/", (c) => c.text("open"));
    bare.onError((error, c) => c.text(error instanceof LlaveError ? error.code : "other", 500));
    expect(await (await bare.request("https://sede.test/")).text()).toBe("invalid_configuration");
  });
});
