/**
 * The token benchmark's command line (bench/README.md, "Token endpoint vs oidc-provider",
 * documents every option) and its targets. Parsing exits with status 2 on a bad option.
 */
import { parseArgs } from "node:util";
import { CODE_MAX_AGE_S, DEFAULT_CODE_AGE_S, mintSecondsAllowed } from "./codes.ts";
import { PROVIDERS, type ProviderName } from "./oidc-target.ts";
import { choice, fail, intArg, printHelp, STORAGES, type Storage, tmpfsUsable } from "./options.ts";

/** From the issue: Llave at least as fast as oidc-provider, p99 < 25 ms, metadata > 5,000/s. */
export const TOKEN_TARGET = { p99Ms: 25, metadataRps: 5000 };

export type TokenOptions = {
  concurrency: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  /**
   * Signed-in sessions (citizens) per provider; minting takes them in turn, so each issues a
   * few hundred codes at most over a run, not tens of thousands.
   */
  sessions: number;
  /** The oldest code a round redeems, in seconds (CODE_MAX_AGE_S at most). */
  maxCodeAgeS: number;
  /** Measured seconds of each discovery or JWKS round; 0 skips that phase. */
  metadataS: number;
  /** The providers run: both, or one alone (to profile it, or before the other works). */
  providers: ProviderName[];
  storage: Storage;
  bundle: string;
  out: string;
  /** Llave only: write a V8 CPU profile of workerd per measured token round to this prefix. */
  profile: string | null;
};

export function parseTokenOptions(argv = process.argv.slice(2)): TokenOptions {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: "string", default: "16" },
      duration: { type: "string", default: "3" },
      warmup: { type: "string", default: "0" },
      rounds: { type: "string", default: "5" },
      sessions: { type: "string", default: "512" },
      "max-code-age": { type: "string", default: String(DEFAULT_CODE_AGE_S) },
      "metadata-duration": { type: "string", default: "2" },
      only: { type: "string" },
      storage: { type: "string" },
      bundle: { type: "string", default: "dist/index.js" },
      out: { type: "string", default: "bench/results/token-latest.json" },
      profile: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (args.help) printHelp("Token endpoint vs oidc-provider");
  const concurrency = intArg("concurrency", args.concurrency);
  const durationS = intArg("duration", args.duration);
  const warmupS = intArg("warmup", args.warmup, 0);
  const maxCodeAgeS = intArg("max-code-age", args["max-code-age"]);
  if (maxCodeAgeS > CODE_MAX_AGE_S) fail(`--max-code-age may not exceed ${CODE_MAX_AGE_S}`);
  // A round's codes are minted before it: leave at least 2 s to mint them.
  if (mintSecondsAllowed({ warmupS, durationS, maxCodeAgeS }) < 2) {
    fail(`--warmup + --duration must leave 4 s of the ${maxCodeAgeS} s a code may age`);
  }
  return {
    concurrency,
    durationS,
    warmupS,
    rounds: intArg("rounds", args.rounds),
    sessions: intArg("sessions", args.sessions),
    maxCodeAgeS,
    metadataS: intArg("metadata-duration", args["metadata-duration"], 0),
    providers: args.only ? [choice("only", args.only, PROVIDERS)] : [...PROVIDERS],
    storage: choice("storage", args.storage ?? (tmpfsUsable() ? "tmpfs" : "disk"), STORAGES),
    bundle: args.bundle,
    out: args.out,
    profile: args.profile ?? null,
  };
}
