/**
 * Test harness for worker tests: the real app from createApp with the real adapters — Durable
 * Objects from wrangler.toml, the libSQL engine behind LIBSQL_BRIDGE, the dev outbox — and one
 * injected thing, the clock, so tests move time instead of waiting. Each request runs with its
 * own ExecutionContext and waits for its background work (delivery, audit) to finish.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { type AppDeps, createApp } from "../../worker/src/app.ts";
import { type Config, configFrom } from "../../worker/src/config.ts";
import { sha256 } from "../../worker/src/crypto/digest.ts";
import { cryptoRandom, randomToken } from "../../worker/src/crypto/random.ts";
import { OutboxDelivery } from "../../worker/src/delivery/outbox.ts";
import type { Env } from "../../worker/src/env.ts";
import { signingKeys } from "../../worker/src/keys/signing-keys.ts";
import {
  citizenApps,
  citizenChallenges,
  citizenSessions,
  loginTransactions,
  rateLimits,
} from "../../worker/src/objects/ports.ts";
import { BROWSER_COOKIE, FRAME_COOKIE } from "../../worker/src/session/cookie.ts";
import type { Citizen, NewCitizen } from "../../worker/src/storage/account-store.ts";
import type { Client } from "../../worker/src/storage/client-store.ts";
import { accountsFrom } from "../../worker/src/storage/libsql/open.ts";
import { sampleCitizen } from "../contracts/account-store.contract.ts";
import { sampleClient } from "../contracts/client-store.contract.ts";

export const testEnv = env as unknown as Env;

export type Harness = ReturnType<typeof harness>;

export function harness(
  options: { now?: number; config?: (c: Config) => Config; deps?: (d: AppDeps) => AppDeps } = {},
) {
  let now = options.now ?? Date.now();
  const clock = { now: () => now };
  const base = configFrom(testEnv);
  const config = options.config ? options.config(base) : base;
  if (!testEnv.DEV_OUTBOX) throw new Error("tests need the DEV_OUTBOX binding");
  const outbox = new OutboxDelivery(testEnv.DEV_OUTBOX);
  const { accounts, audit, clients, credentials, devices } = accountsFrom(
    config,
    testEnv,
    clock,
    cryptoRandom,
  );
  const real: AppDeps & { outbox: OutboxDelivery } = {
    config,
    accounts,
    audit,
    clients,
    credentials,
    devices,
    citizens: citizenChallenges(testEnv.CITIZENS),
    apps: citizenApps(testEnv.CITIZENS),
    sessions: citizenSessions(testEnv.CITIZENS),
    logins: loginTransactions(testEnv.LOGINS),
    limits: rateLimits(testEnv.LIMITS),
    keys: signingKeys(config.signingKeys),
    outbound: (url, init) => fetch(url, init),
    delivery: outbox,
    clock,
    random: cryptoRandom,
    outbox,
  };
  const deps = { ...real, ...(options.deps ? options.deps(real) : {}) };
  const app = createApp(deps);

  /** The app as a `fetch` (a client's fetch hook, e.g. @llave/sdk's), at https://llave.test. */
  async function fetchApp(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const ctx = createExecutionContext();
    const response = await app.request(new Request(input, init), undefined, testEnv, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  /**
   * The browsers' binding cookies, as /authorize (or /account/login) set them: by the login
   * they started, and the last one set. A call without its own `cookie` header sends the
   * binding of the login its path names (else the last one), so that `call` takes every step
   * of a login from the browser that started it — also a login a relying-party Browser
   * started. A call that names its own `cookie` header (a Browser, or `cookie: ""` for a
   * stranger's browser) sends just that.
   */
  const latest = new CookieJar();
  const byLogin = new Map<string, CookieJar>();
  const BINDING = new RegExp(`^(${BROWSER_COOKIE}|${FRAME_COOKIE})=`);
  const LOGIN_IN_PATH = /^\/(?:api\/)?logins?\/([A-Za-z0-9_-]{22})(?:[/?]|$)/;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const own = !Object.keys(headers).some((name) => name.toLowerCase() === "cookie");
    const jar = byLogin.get(LOGIN_IN_PATH.exec(path)?.[1] ?? "") ?? latest;
    const init: RequestInit = {
      method,
      headers: { ...(own && jar.size ? { cookie: jar.header } : {}), ...headers },
    };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await fetchApp(`https://llave.test${path}`, init);
    const set = response.headers.getSetCookie().filter((line) => BINDING.test(line));
    latest.store(set);
    const started = /\/login\/([A-Za-z0-9_-]{22})$/.exec(response.headers.get("location") ?? "");
    if (started?.[1] && set.length > 0) {
      const binding = new CookieJar();
      binding.store(set);
      byLogin.set(started[1], binding);
    }
    return response;
  }

  /** Registers a fresh citizen (advanced, no e-mail unless given) with a document of its own. */
  async function registerCitizen(overrides: Partial<NewCitizen> = {}): Promise<Citizen> {
    const citizen = sampleCitizen({ email: null, registrationLevel: "advanced", ...overrides });
    return accounts.register(citizen, { actor: "system" });
  }

  let agency: Promise<Client> | null = null;

  /**
   * Starts a login the only way there is, an agency's /authorize (a client that allows every
   * method at `low`), in the harness's browser; returns the login id the login page names.
   */
  async function startLogin(): Promise<string> {
    agency ??= registerAgency();
    const client = await agency;
    const params = new URLSearchParams({
      response_type: "code",
      client_id: client.id,
      redirect_uri: client.redirectUris[0] ?? "",
      scope: "openid",
      state: randomToken(cryptoRandom),
      code_challenge: await sha256(randomToken(cryptoRandom, 256)),
      code_challenge_method: "S256",
    });
    const response = await call("GET", `/authorize?${params}`);
    const loginId = /\/login\/([A-Za-z0-9_-]{22})$/.exec(response.headers.get("location") ?? "");
    if (!loginId?.[1]) throw new Error(`start login: ${response.status} ${await response.text()}`);
    return loginId[1];
  }

  function registerAgency(): Promise<Client> {
    const id = `harness-${randomToken(cryptoRandom, 48)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`;
    const client = sampleClient({ id, allowedMethods: ["pin", "password", "mobile"] });
    return deps.clients.create(client, { actor: "system" });
  }

  /** The Get PIN body for `citizen` (its own document and contrast datum). */
  const pinRequest = (citizen: Citizen, extra: Record<string, unknown> = {}) => ({
    document: citizen.documentNumber,
    contrast: { kind: citizen.contrastKind, value: citizen.contrastValue },
    channel: "sms",
    ...extra,
  });

  const getPin = (loginId: string, body: unknown) =>
    call("POST", `/api/logins/${loginId}/pin`, body);
  const verify = (loginId: string, pin: string, personalCode?: string) =>
    call("POST", `/api/logins/${loginId}/pin/verify`, {
      pin,
      ...(personalCode ? { personalCode } : {}),
    });

  /** The PINs delivered to `to` (mobile or, for the app, the citizen id), newest first. */
  async function delivered(to: string): Promise<string[]> {
    const messages = await outbox.list({ to, limit: 1000 });
    return messages.filter((m) => m.kind === "pin").map((m) => /\d{6,12}/.exec(m.text)?.[0] ?? "");
  }

  async function latestPin(to: string): Promise<string> {
    const [pin] = await delivered(to);
    if (!pin) throw new Error(`no PIN delivered to ${to}`);
    return pin;
  }

  /** Starts a login, asks for a PIN for `citizen` and returns the login id and the PIN. */
  async function loginWithPin(citizen: Citizen, extra: Record<string, unknown> = {}) {
    const loginId = await startLogin();
    const response = await getPin(loginId, pinRequest(citizen, extra));
    if (response.status !== 202)
      throw new Error(`get PIN: ${response.status} ${await response.text()}`);
    const channel = (extra.channel as string | undefined) ?? "sms";
    const pin = await latestPin(channel === "app" ? citizen.id : (citizen.mobile ?? ""));
    return { loginId, pin };
  }

  return {
    app,
    deps,
    outbox,
    config,
    clock: {
      now: () => now,
      advance: (ms: number) => {
        now += ms;
      },
      set: (t: number) => {
        now = t;
      },
    },
    call,
    fetch: fetchApp,
    /** The `cookie` header of the harness's browser, for requests made without `call`. */
    browserCookie: () => latest.header,
    registerCitizen,
    startLogin,
    pinRequest,
    getPin,
    verify,
    delivered,
    latestPin,
    loginWithPin,
  };
}

export type ProblemBody = { type: string; code: string; status: number; detail?: string } & Record<
  string,
  unknown
>;

/** Wraps the foreground ports so that every call is recorded by name, in order. */
export function recording(calls: string[]) {
  return (d: AppDeps): AppDeps => {
    const spy = <T extends object>(name: string, target: T): T =>
      new Proxy(target, {
        get(t, key) {
          const value = Reflect.get(t, key);
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            calls.push(`${name}.${String(key)}`);
            // RPC stubs' methods are not plain functions: call them as methods of their object.
            return (t as Record<PropertyKey, (...a: unknown[]) => unknown>)[key]?.(...args);
          };
        },
      });
    return {
      ...d,
      accounts: spy("accounts", d.accounts),
      credentials: spy("credentials", d.credentials),
      citizens: spy("citizens", d.citizens),
      apps: spy("apps", d.apps),
      devices: spy("devices", d.devices),
      limits: spy("limits", d.limits),
      logins: { ...d.logins, get: (id: string) => spy("login", d.logins.get(id)) },
    };
  };
}
