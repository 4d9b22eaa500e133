/**
 * The token benchmark's output: a line per round while it runs, then the Markdown report (each
 * provider's totals over its rounds, the rounds in the order they ran, discovery and JWKS, the
 * targets) and the JSON results file.
 */
import { cpus } from "node:os";
import type { CoresUsed } from "./cpu.ts";
import type { VerifiedIdToken } from "./id-token.ts";
import { PROVIDERS, type ProviderName } from "./oidc-target.ts";
import { kib, machine, packageVersion, writeJsonResults } from "./report.ts";
import type { Bundle } from "./setup.ts";
import { markdownTable, round, type Samples, type Summary } from "./stats.ts";
import type { RoundKind, RoundResult } from "./token-load.ts";
import { TOKEN_TARGET, type TokenOptions } from "./token-options.ts";

/** A provider's figures for one kind of request over all its measured rounds. */
export type Total = {
  provider: ProviderName;
  kind: RoundKind;
  rounds: number;
  requests: number;
  measuredS: number;
  throughput: number;
  latency: Summary;
  cpuMsPerRequest: { server: number | null; node: number };
  sqlCallsPerRequest?: number;
};

/** One target of the issue, with the figure it is judged on; `met` is null if not measured. */
export type TargetCheck = { target: string; figure: string; met: boolean | null };

export type TokenBenchResult = {
  options: TokenOptions;
  workerd: string | null;
  /** Null when Llave did not run (`--only oidc-provider`). */
  bundle: Bundle | null;
  verified: Partial<Record<ProviderName, VerifiedIdToken>>;
  backgroundCoresBeforeLoad: CoresUsed;
  /** The short token rounds that size the first batches; not in the totals. */
  probes: RoundResult[];
  /** Measured rounds, in the order they ran. */
  rounds: RoundResult[];
  totals: Total[];
  targets: TargetCheck[];
};

/** Sums a provider's rounds of one kind; `samples` holds every latency they measured. */
export function total(rounds: RoundResult[], samples: Samples): Total {
  const first = rounds[0];
  if (!first) throw new Error("no round to total");
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const measuredS = rounds.reduce((s, r) => s + r.measuredS, 0);
  const cpuMs = (cores: (r: RoundResult) => number | null): number | null => {
    let ms = 0;
    for (const r of rounds) {
      const c = cores(r);
      if (c === null) return null;
      ms += c * r.measuredS * 1000;
    }
    return round(ms / Math.max(1, requests), 3);
  };
  const sql = rounds.map((r) => r.sqlCallsPerRequest);
  return {
    provider: first.provider,
    kind: first.kind,
    rounds: rounds.length,
    requests,
    measuredS: round(measuredS, 2),
    throughput: round(requests / measuredS, 0),
    latency: samples.summary(),
    cpuMsPerRequest: {
      server: cpuMs((r) => r.cpuCores.workerd),
      node: cpuMs((r) => r.cpuCores.node) ?? Number.NaN,
    },
    ...(sql.every((n) => n !== undefined)
      ? { sqlCallsPerRequest: round(sql.reduce((a, b) => a + b, 0) / sql.length) }
      : {}),
  };
}

function find(totals: Total[], provider: ProviderName, kind: RoundKind): Total | undefined {
  return totals.find((t) => t.provider === provider && t.kind === kind);
}

export function judge(totals: Total[]): TargetCheck[] {
  const llave = find(totals, "Llave", "token");
  const reference = find(totals, "oidc-provider", "token");
  const checks: TargetCheck[] = [
    {
      target: "Llave token requests/s ≥ oidc-provider's",
      figure:
        llave && reference
          ? `${llave.throughput} vs ${reference.throughput} (×${round(llave.throughput / reference.throughput)})`
          : "not run",
      met: llave && reference ? llave.throughput >= reference.throughput : null,
    },
    {
      target: `Llave token p99 < ${TOKEN_TARGET.p99Ms} ms`,
      figure: llave ? `${llave.latency.p99} ms` : "not run",
      met: llave ? llave.latency.p99 < TOKEN_TARGET.p99Ms : null,
    },
  ];
  for (const kind of ["discovery", "jwks"] as const) {
    const t = find(totals, "Llave", kind);
    checks.push({
      target: `Llave ${ROUND_LABELS[kind]} > ${TOKEN_TARGET.metadataRps} requests/s`,
      figure: t ? `${t.throughput}/s (p99 ${t.latency.p99} ms)` : "not run",
      met: t ? t.throughput > TOKEN_TARGET.metadataRps : null,
    });
  }
  return checks;
}

const ROUND_LABELS: Record<RoundKind, string> = {
  token: "POST token",
  discovery: "GET discovery",
  jwks: "GET jwks",
};
const verdict = (met: boolean | null) => (met === null ? "not run" : met ? "MET" : "MISSED");
const na = (v: number | null | undefined): number | string => v ?? "?";

export function roundLine(r: RoundResult): string {
  const codes = r.codes
    ? `  codes ${r.codes.minted} minted in ${r.codes.mintS} s${r.codes.cutShort ? " (time limit)" : ""}, ` +
      `oldest used ${r.codes.oldestUsedS} s (${Math.round(r.codes.idleOverEvictionShare * 100)} % > 10 s)${r.codes.ranOut ? `, ${r.codes.ranOut}: ${r.measuredS} s measured` : ""}`
    : "";
  return (
    `${r.round === 0 ? "probe" : `round ${r.round}`} ${r.provider.padEnd(13)} ${ROUND_LABELS[r.kind].padEnd(13)} ` +
    `${String(r.throughput).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
    `CPU ms/req server ${na(r.cpuMsPerRequest.server)} node ${r.cpuMsPerRequest.node}  ` +
    `cores server ${na(r.cpuCores.workerd)} node ${r.cpuCores.node} others ${na(r.cpuCores.others)}  ` +
    `server ${na(r.serverMib)} MiB${codes}`
  );
}

export function printTokenSetup(s: {
  options: TokenOptions;
  workerd: string | null;
  bundle: Bundle | null;
  ports: Partial<Record<ProviderName, number>>;
  pids: Partial<Record<ProviderName, number>>;
  setupS: number;
}): void {
  const { options, bundle } = s;
  console.log(
    `Token endpoint benchmark: Llave vs oidc-provider — ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
  );
  if (bundle) {
    console.log(
      `Llave: workerd ${s.workerd} directly, pid ${s.pids.Llave} on 127.0.0.1:${s.ports.Llave}; ` +
        `bundle ${bundle.source}: ${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip; storage ${options.storage}`,
    );
  }
  if (s.pids["oidc-provider"] !== undefined) {
    console.log(
      `oidc-provider ${packageVersion("oidc-provider")}: own Node process, pid ${s.pids["oidc-provider"]} on ` +
        `127.0.0.1:${s.ports["oidc-provider"]}; memory adapter, dev interactions`,
    );
  }
  console.log(
    `${options.sessions} signed-in sessions per provider, stack up in ${s.setupS.toFixed(1)} s; load: closed loop, ` +
      `${options.concurrency} virtual users, ${options.rounds} interleaved rounds per provider of ` +
      `${options.warmupS} s warm-up + ${options.durationS} s (token) / ${options.metadataS} s (discovery, JWKS)\n`,
  );
}

export function printTokenReport(result: TokenBenchResult): void {
  const { options, totals, targets } = result;
  const both = (kind: RoundKind, pick: (t: Total) => string | number) =>
    PROVIDERS.map((p) => {
      const t = find(totals, p, kind);
      return t ? pick(t) : "—";
    });

  console.log("\n## Token endpoint: Llave vs oidc-provider\n");
  console.log(
    markdownTable(
      ["", ""],
      [
        ["machine", `${cpus().length} cores, Node ${process.version}, load generator in-process`],
        [
          "Llave",
          result.bundle
            ? `workerd ${result.workerd} directly; ${result.bundle.source} ${kib(result.bundle.rawBytes)} raw`
            : "not run",
        ],
        [
          "oidc-provider",
          result.verified["oidc-provider"]
            ? `${packageVersion("oidc-provider")} in its own Node process; memory adapter, dev interactions`
            : "not run",
        ],
        [
          "load",
          `${options.concurrency} virtual users, ${options.rounds} rounds each, interleaved; ` +
            `${options.warmupS} s warm-up + ${options.durationS} s per token round`,
        ],
        [
          "request",
          "authorization code + PKCE (S256), client_secret_basic, ES256 ID token; every code fresh",
        ],
      ],
    ),
  );

  console.log("\nID tokens validated with jose before measuring (signature, iss, aud, nonce):\n");
  console.log(
    markdownTable(
      ["provider", "alg", "kid", "claims"],
      PROVIDERS.map((p) => {
        const v = result.verified[p];
        return v ? [p, v.alg, v.kid ?? "—", v.claims.join(" ")] : [p, "not run", "", ""];
      }),
    ),
  );

  console.log("\n### Token endpoint, all measured rounds\n");
  console.log(
    markdownTable(
      ["", ...PROVIDERS],
      [
        ["requests/s", ...both("token", (t) => t.throughput)],
        [
          "p50 / p90 / p99 / max ms",
          ...both(
            "token",
            (t) => `${t.latency.p50} / ${t.latency.p90} / ${t.latency.p99} / ${t.latency.max}`,
          ),
        ],
        [
          "server CPU ms/request (workerd / oidc-provider process)",
          ...both("token", (t) => na(t.cpuMsPerRequest.server)),
        ],
        ["load generator CPU ms/request", ...both("token", (t) => t.cpuMsPerRequest.node)],
        [
          "requests measured (rounds × s)",
          ...both(
            "token",
            (t) => `${t.requests} (${t.rounds} × ${round(t.measuredS / t.rounds, 1)})`,
          ),
        ],
      ],
    ),
  );
  const llave = find(totals, "Llave", "token");
  if (llave) {
    console.log(
      `\nLlave's load generator figure includes the libSQL bridge served from this process ` +
        `(${llave.sqlCallsPerRequest ?? "?"} SQL calls per token request); in production that is Turso.`,
    );
    const measured = result.rounds.filter((r) => r.provider === "Llave" && r.kind === "token");
    const idle = measured.reduce(
      (n, r) => n + (r.codes?.idleOverEvictionShare ?? 0) * r.requests,
      0,
    );
    const share = Math.round((idle * 100) / Math.max(1, llave.requests));
    if (share >= 10) {
      console.log(
        `\nnote: ${share} % of Llave's codes were redeemed more than 10 s after they were issued; ` +
          "workerd may have evicted their LoginObjects, which a relying party redeeming at once " +
          "does not meet; the probe redeemed codes a few seconds old. `--max-code-age 10` keeps every " +
          'code younger (bench/README.md, "Code age and Llave\'s LoginObjects").',
      );
    }
  }

  console.log("\n### Rounds, in the order they ran\n");
  const tokenRounds = result.rounds.filter((r) => r.kind === "token");
  console.log(
    markdownTable(
      [
        "round",
        "provider",
        "req/s",
        "p50 ms",
        "p99 ms",
        "measured s",
        "codes minted",
        "minting s",
        "oldest code s",
        "codes > 10 s",
        "ended",
        "server MiB",
      ],
      [...result.probes, ...tokenRounds].map((r) => [
        r.round === 0 ? "probe" : String(r.round),
        r.provider,
        r.throughput,
        r.latency.p50,
        r.latency.p99,
        r.measuredS,
        r.codes?.minted ?? 0,
        r.codes?.mintS ?? 0,
        r.codes?.oldestUsedS ?? 0,
        `${Math.round((r.codes?.idleOverEvictionShare ?? 0) * 100)} %`,
        r.codes?.ranOut ?? (r.round === 0 ? "probe" : "on time"),
        na(r.serverMib),
      ]),
    ),
  );

  const metadata = totals.filter((t) => t.kind !== "token");
  if (metadata.length > 0) {
    console.log("\n### Discovery and JWKS\n");
    console.log(
      markdownTable(
        [
          "request",
          "provider",
          "req/s",
          "p50 ms",
          "p99 ms",
          "server CPU ms/req",
          "node CPU ms/req",
        ],
        metadata.map((t) => [
          ROUND_LABELS[t.kind],
          t.provider,
          t.throughput,
          t.latency.p50,
          t.latency.p99,
          na(t.cpuMsPerRequest.server),
          t.cpuMsPerRequest.node,
        ]),
      ),
    );
  }

  console.log("\n### Targets\n");
  console.log(
    markdownTable(
      ["target", "figure", "result"],
      targets.map((t) => [t.target, t.figure, verdict(t.met)]),
    ),
  );
}

export function writeTokenResults(result: TokenBenchResult): string {
  return writeJsonResults(result.options.out, {
    machine: { ...machine(["oidc-provider", "jose"]), workerd: result.workerd },
    options: result.options,
    target: { ...TOKEN_TARGET, met: result.targets.every((t) => t.met === true) },
    targets: result.targets,
    bundle: result.bundle && {
      path: result.bundle.source,
      rawBytes: result.bundle.rawBytes,
      gzipBytes: result.bundle.gzipBytes,
    },
    verifiedIdTokens: result.verified,
    backgroundCoresBeforeLoad: result.backgroundCoresBeforeLoad,
    totals: result.totals,
    probes: result.probes,
    rounds: result.rounds,
  });
}
