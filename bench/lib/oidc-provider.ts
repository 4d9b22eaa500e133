/**
 * The reference provider of the token benchmark: oidc-provider in its own Node process
 * (bench/lib/oidc-provider-server.ts), and a browser signing in to it through its dev
 * interactions — the authorization endpoint, the sign-in form, the consent form, back to the
 * client with a code — so that its codes come from its own authorization flow afterwards.
 *
 * @example
 * const op = await startOidcProvider({ port, client, storeSize: 1_000_000 });
 * await signInWithDevInteractions(http, target, new CookieJar(), "citizen-1");
 * await op.stop();
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { CookieJar } from "../../scripts/lib/cookie-jar.ts";
import { OutputTail, onLines, startedListening, stopWithThisProcess } from "./child-process.ts";
import { authorizationRequest, codeFromRedirect } from "./codes.ts";
import { type Client, expectStatus, FunctionalError, header, setCookies } from "./http.ts";
import type { OidcProviderConfig } from "./oidc-provider-server.ts";
import type { BenchClient, OidcTarget } from "./oidc-target.ts";

export type OidcProviderProcess = {
  issuer: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
};

const QUICK_START_NOTICE = /quick start development-only|NOTICE: default ttl\./;

export async function startOidcProvider(options: {
  port: number;
  client: BenchClient;
  storeSize: number;
  startTimeoutMs?: number;
}): Promise<OidcProviderProcess> {
  const config: OidcProviderConfig = {
    port: options.port,
    client: options.client,
    storeSize: options.storeSize,
    cookieKey: randomBytes(32).toString("base64url"),
  };
  const child = fork(
    new URL("./oidc-provider-server.ts", import.meta.url),
    [JSON.stringify(config)],
    {
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  const stop = stopWithThisProcess(child);
  const tail = new OutputTail("oidc-provider");
  const log = (line: string) => {
    // Its start-up notices about the quick-start adapter, dev interactions and default TTLs
    // name what the bench uses on purpose.
    if (QUICK_START_NOTICE.test(line)) return;
    tail.add(line);
    console.error(`oidc-provider: ${line}`);
  };
  onLines(child.stdout, log);
  onLines(child.stderr, log);
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    await startedListening(child, "oidc-provider", timeoutMs, (done) =>
      child.once("message", done),
    );
  } catch (error) {
    await stop();
    throw tail.explain(error);
  }
  if (child.pid === undefined) throw new Error("the oidc-provider process has no pid");
  return {
    issuer: `http://127.0.0.1:${options.port}`,
    port: options.port,
    pid: child.pid,
    stop,
  };
}

/**
 * Signs `session` in as account `login`, as a browser would: follows the provider's redirects,
 * submits the sign-in form and then the consent form (each page names its prompt), until the
 * provider redirects to the client with a code. The session's cookies then hold the provider's
 * session and grant, and the authorization endpoint answers with a code at once.
 */
export async function signInWithDevInteractions(
  http: Client,
  target: OidcTarget,
  session: CookieJar,
  login: string,
): Promise<void> {
  const request = authorizationRequest(target);
  let reply = await http.send({ method: "GET", path: request.path });
  for (let step = 0; step < 10; step++) {
    session.store(setCookies(reply));
    if (codeFromRedirect(target, request, reply) !== null) return;
    const location = header(reply, "location");
    const cookie = session.header;
    if (location !== undefined) {
      const url = new URL(location, target.issuer);
      if (url.origin !== new URL(target.issuer).origin) break;
      reply = await http.send({
        method: "GET",
        path: `${url.pathname}${url.search}`,
        headers: { cookie },
      });
      continue;
    }
    expectStatus(`${target.name} interaction page`, reply, 200);
    const action = /<form[^>]* action="([^"]+)"/.exec(reply.text)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(reply.text)?.[1];
    if (action === undefined || prompt === undefined) break;
    const form = new URLSearchParams({ prompt });
    if (prompt === "login") form.set("login", login);
    reply = await http.send({
      method: "POST",
      path: new URL(action, target.issuer).pathname,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
  }
  throw new FunctionalError(
    `${target.name}: signing in did not end with a code (${reply.status} ${header(reply, "location") ?? reply.text.slice(0, 200)})`,
  );
}
