/**
 * `npm run bench:token` (and the second half of `npm run bench`): the token endpoint —
 * authorization code + PKCE, `client_secret_basic`, ES256 ID token — of the production bundle
 * in workerd against oidc-provider, the certified Node.js provider, in interleaved rounds on
 * this machine; then discovery and JWKS. Every code is fresh and comes from the provider's own
 * authorization flow. bench/README.md ("Token endpoint vs oidc-provider") explains what is
 * measured and every option.
 *
 * Exit status: 0 whether or not the targets are met; 1 on a functional error (an answer other
 * than the expected one, an ID token that does not validate) or a misconfigured run.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CookieJar } from "../scripts/lib/cookie-jar.ts";
import {
  CodeQueue,
  codesWanted,
  type MintedBatch,
  mintCodes,
  mintSecondsAllowed,
} from "./lib/codes.ts";
import { backgroundCores } from "./lib/cpu.ts";
import type { Client } from "./lib/http.ts";
import { checkIdToken, type VerifiedIdToken } from "./lib/id-token.ts";
import { connectProfiler, type Profiler, summarizeProfile } from "./lib/inspector.ts";
import type { ProviderName } from "./lib/oidc-target.ts";
import { TMPFS } from "./lib/options.ts";
import type { Bundle } from "./lib/setup.ts";
import { Samples } from "./lib/stats.ts";
import { metadataRound, type RoundKind, type RoundResult, tokenRound } from "./lib/token-load.ts";
import { parseTokenOptions } from "./lib/token-options.ts";
import {
  judge,
  printTokenReport,
  printTokenSetup,
  roundLine,
  type Total,
  total,
  writeTokenResults,
} from "./lib/token-report.ts";
import { type Side, setUpLlave, setUpOidcProvider } from "./lib/token-setup.ts";

/** Seconds of minting for the probe round that sizes each provider's first batch. */
const PROBE_MINT_S = 3;

const options = parseTokenOptions();
const tmp = mkdtempSync(join(options.storage === "tmpfs" ? TMPFS : tmpdir(), "llave-token-"));
const sides: Side[] = [];
let exitCode = 0;
/** With --profile: workerd's inspector, to profile each of Llave's measured token rounds. */
let profiler: Profiler | null = null;

/** Runs `fn` with a fresh client to `side`'s provider, closed afterwards. */
async function withClient<T>(side: Side, fn: (http: Client) => Promise<T>): Promise<T> {
  const http = side.connect();
  try {
    return await fn(http);
  } finally {
    http.close();
  }
}

try {
  const setupStart = performance.now();
  let workerd: string | null = null;
  let bundle: Bundle | null = null;
  for (const name of options.providers) {
    if (name === "Llave") {
      const llave = await setUpLlave(options, tmp);
      sides.push(llave);
      workerd = llave.workerd;
      bundle = llave.bundle;
      if (llave.inspectorPort !== null) profiler = await connectProfiler(llave.inspectorPort);
    } else {
      sides.push(await setUpOidcProvider(options));
    }
  }
  const ports = Object.fromEntries(sides.map((s) => [s.target.name, s.target.port]));
  const pids = Object.fromEntries(sides.map((s) => [s.target.name, s.target.serverPid]));
  printTokenSetup({
    options,
    workerd,
    bundle,
    ports,
    pids,
    setupS: (performance.now() - setupStart) / 1000,
  });

  // No figure is taken from a provider whose ID tokens do not validate.
  const verified: Partial<Record<ProviderName, VerifiedIdToken>> = {};
  for (const side of sides) {
    const v = await withClient(side, (http) =>
      checkIdToken(http, side.target, side.sessions[0] as CookieJar),
    );
    verified[side.target.name] = v;
    console.log(`${side.target.name}: ID token validated (${v.alg}, kid ${v.kid}, sub ${v.sub})`);
  }

  const background = await backgroundCores(1000);
  if ((background.others ?? 0) + (background.workerd ?? 0) + background.node > 0.15) {
    console.log(
      `warning: the machine is not idle before the load (${JSON.stringify(background)} cores); figures will be lower than on a quiet machine`,
    );
  }
  console.log("");

  const samples = new Map<string, Samples>();
  const sink = (side: Side, kind: RoundKind) => {
    const key = `${side.target.name} ${kind}`;
    if (!samples.has(key)) samples.set(key, new Samples());
    return samples.get(key) as Samples;
  };
  const rounds: RoundResult[] = [];
  const shape = {
    vus: options.concurrency,
    warmupS: options.warmupS,
    durationS: options.durationS,
    maxCodeAgeS: options.maxCodeAgeS,
  };

  // Discovery and JWKS, each provider in turn, round after round.
  if (options.metadataS > 0) {
    for (let round = 1; round <= options.rounds; round++) {
      for (const kind of ["discovery", "jwks"] as const) {
        for (const side of sides) {
          const r = await withClient(side, (http) =>
            metadataRound(http, side.target, kind, {
              ...shape,
              durationS: options.metadataS,
              round,
              sinks: [sink(side, kind)],
            }),
          );
          console.log(roundLine(r));
          rounds.push(r);
        }
      }
    }
    console.log("");
  }

  /** Mints a batch through `side`'s authorization endpoint, then redeems it in one round. */
  const tokenPhase = async (side: Side, round: number, minted: MintedBatch) => {
    // Llave's background work from the minting requests settles before the round.
    await side.meter?.settle(300, 2_000);
    const profiled = side.target.name === "Llave" && round > 0 ? profiler : null;
    await profiled?.start();
    const r = await withClient(side, (http) =>
      tokenRound(
        http,
        side.target,
        new CodeQueue(minted.codes, options.maxCodeAgeS),
        {
          ...(round === 0 ? { ...shape, warmupS: 0, durationS: 60 } : shape),
          round,
          sinks: round === 0 ? [] : [sink(side, "token")],
          ...(side.meter ? { meter: side.meter } : {}),
        },
        { mintS: minted.seconds, mintPerS: minted.perSecond, cutShort: minted.cutShort },
      ),
    );
    if (profiled) {
      const profile = await profiled.stop();
      const path = `${options.profile}-round${round}.cpuprofile`;
      writeFileSync(path, JSON.stringify(profile));
      console.log(`profile → ${path}\n${summarizeProfile(profile, 25).join("\n")}`);
    }
    console.log(roundLine(r));
    return r;
  };
  const mint = (side: Side, count: number, maxSeconds: number) =>
    withClient(side, (http) =>
      mintCodes(http, side.target, side.sessions, {
        count,
        maxSeconds,
        workers: options.concurrency,
      }),
    );

  // A probe per provider: the codes of PROBE_MINT_S seconds, redeemed until they run out. Its
  // throughput sizes the first batch; every round then sizes the next from the best so far.
  const probes: RoundResult[] = [];
  const best = new Map<ProviderName, number>();
  for (const side of sides) {
    const minted = await mint(side, Number.POSITIVE_INFINITY, PROBE_MINT_S);
    const probe = await tokenPhase(side, 0, minted);
    probes.push(probe);
    best.set(side.target.name, probe.throughput);
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const side of sides) {
      const wanted = codesWanted(best.get(side.target.name) ?? 0, shape);
      const r = await tokenPhase(side, round, await mint(side, wanted, mintSecondsAllowed(shape)));
      rounds.push(r);
      best.set(side.target.name, Math.max(best.get(side.target.name) ?? 0, r.throughput));
    }
  }

  const totals: Total[] = [];
  for (const side of sides) {
    for (const kind of ["token", "discovery", "jwks"] as const) {
      const of = rounds.filter((r) => r.provider === side.target.name && r.kind === kind);
      if (of.length > 0) totals.push(total(of, sink(side, kind)));
    }
  }
  const result = {
    options,
    workerd,
    bundle,
    verified,
    backgroundCoresBeforeLoad: background,
    probes,
    rounds,
    totals,
    targets: judge(totals),
  };
  printTokenReport(result);
  console.log(`\nresults → ${writeTokenResults(result)}`);
} catch (error) {
  exitCode = 1;
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`,
  );
} finally {
  profiler?.close();
  for (const side of sides) await side.stop();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
