/**
 * The two providers of the token benchmark, ready to mint codes: each started, its bench client
 * known, its endpoints discovered, and `sessions` browsers signed in through its own flow.
 *
 * - Llave: the production bundle in workerd with the PIN benchmark's machinery (runtime.ts,
 *   the accounts database and citizens of setup.ts, the outbox in this process), fresh secrets
 *   from scripts/lib/secrets.ts; the client registered through the admin API; one citizen a
 *   session, signed in with an SMS PIN.
 * - oidc-provider: its own process (oidc-provider.ts); the same client in its configuration;
 *   one account a session, signed in through its dev interactions.
 */
import { randomBytes } from "node:crypto";
import { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { freePort } from "../../scripts/lib/free-port.ts";
import { createOutbox } from "../../scripts/lib/outbox.ts";
import { generateSecrets } from "../../scripts/lib/secrets.ts";
import { type Client, httpClient } from "./http.ts";
import { registerBenchClient, signInToLlave } from "./llave-sign-in.ts";
import { browserCookie } from "./login-start.ts";
import { NodeSideMeter, PinInbox } from "./node-side.ts";
import { signInWithDevInteractions, startOidcProvider } from "./oidc-provider.ts";
import { BENCH_CLIENT, discover, type OidcTarget } from "./oidc-target.ts";
import { startBenchStack } from "./runtime.ts";
import {
  type BenchCitizen,
  type Bundle,
  openBenchAccounts,
  registerCitizens,
  snapshotBundle,
} from "./setup.ts";
import type { TokenOptions } from "./token-options.ts";

/**
 * Entries oidc-provider's memory adapter keeps (its default is 1,000): more than every code,
 * access token and grant a run creates, so none is evicted before it is redeemed.
 */
export const OIDC_PROVIDER_STORE_SIZE = 2_000_000;

export type Side = {
  target: OidcTarget;
  /** Signed-in browsers (citizens); minting takes them in turn. */
  sessions: CookieJar[];
  /** Llave only: SQL and outbox calls the worker makes to this process. */
  meter?: NodeSideMeter;
  /** A new HTTP client to the provider (each round opens its own connections). */
  connect(): Client;
  stop(): Promise<void>;
};

const connector = (port: number, options: TokenOptions) => () =>
  httpClient(port, options.concurrency + 4);

/** Signs in `count` sessions, `workers` at a time. */
async function signInAll(
  count: number,
  workers: number,
  signIn: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) await signIn(next++);
    }),
  );
}

/** Tears down what was started so far if a later step fails. */
async function orStop<T>(stop: () => Promise<void>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function setUpLlave(
  options: TokenOptions,
  dir: string,
): Promise<Side & { workerd: string | null; bundle: Bundle; inspectorPort: number | null }> {
  const bundle = snapshotBundle(options.bundle, dir);
  const accounts = await openBenchAccounts(dir);
  const meter = new NodeSideMeter();
  const inbox = new PinInbox();
  const secrets = generateSecrets();
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const inspectorPort = options.profile === null ? null : await freePort();
  const stack = await orStop(
    async () => accounts.close(),
    async () =>
      startBenchStack({
        runtime: "workerd",
        bundle: bundle.path,
        port,
        dir,
        storage: options.storage,
        accounts: meter.client(accounts),
        outbox: meter.outbox(createOutbox({ onMessage: inbox.onMessage })),
        vars: { ISSUER: issuer, DEV_MODE: "true", ...secrets },
        ...(inspectorPort === null ? {} : { inspectorPort }),
      }),
  );
  const stop = async () => {
    await stack.stop();
    accounts.close();
  };
  return orStop(stop, async () => {
    if (stack.workerdPid === undefined) throw new Error("workerd has no pid");
    const citizens = await registerCitizens(accounts, options.sessions);
    const connect = connector(port, options);
    // The browser that signs the citizens in: its login binding cookie goes with every step of
    // their PIN logins (llave-sign-in.ts); each session's jar keeps it for the code requests.
    const http = httpClient(port, options.concurrency + 4, { cookie: browserCookie() });
    try {
      const target: OidcTarget = {
        name: "Llave",
        issuer,
        port,
        serverPid: stack.workerdPid,
        client: await registerBenchClient(http, secrets.ADMIN_TOKEN),
        endpoints: await discover(http.get, issuer),
      };
      const sessions = citizens.map(() => new CookieJar());
      await signInAll(citizens.length, options.concurrency, (i) =>
        signInToLlave(
          { client: http, inbox },
          target,
          sessions[i] as CookieJar,
          citizens[i] as BenchCitizen,
        ),
      );
      return {
        target,
        sessions,
        meter,
        connect,
        stop,
        workerd: stack.workerdVersion,
        bundle,
        inspectorPort,
      };
    } finally {
      http.close();
    }
  });
}

export async function setUpOidcProvider(options: TokenOptions): Promise<Side> {
  const port = await freePort();
  const client = {
    id: BENCH_CLIENT.id,
    secret: randomBytes(32).toString("base64url"),
    redirectUri: BENCH_CLIENT.redirectUri,
  };
  const op = await startOidcProvider({ port, client, storeSize: OIDC_PROVIDER_STORE_SIZE });
  return orStop(op.stop, async () => {
    const connect = connector(port, options);
    const http = connect();
    try {
      const target: OidcTarget = {
        name: "oidc-provider",
        issuer: op.issuer,
        port,
        serverPid: op.pid,
        client,
        endpoints: await discover(http.get, op.issuer),
      };
      const sessions = Array.from({ length: options.sessions }, () => new CookieJar());
      await signInAll(sessions.length, options.concurrency, (i) =>
        signInWithDevInteractions(http, target, sessions[i] as CookieJar, `citizen-${i}`),
      );
      return { target, sessions, connect, stop: op.stop };
    } finally {
      http.close();
    }
  });
}
