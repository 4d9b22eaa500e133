/**
 * `npm run size`: reports the production bundle's size (dist/, from `npm run build`) and fails
 * when it grows past its budget. Workers allow far more (3 MiB gzip on the free plan), but a
 * bundle that doubles unnoticed costs every cold start; raise the budget on purpose, in review.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./lib/accounts.ts";

const BUDGET_GZIP_BYTES = 300 * 1024;

const bundle = readFileSync(resolve(ROOT, "dist/index.js"));
const gzip = gzipSync(bundle, { level: 9 }).length;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `Production bundle: ${kib(bundle.length)} raw, ${kib(gzip)} gzip (budget ${kib(BUDGET_GZIP_BYTES)} gzip)`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error(
    "The bundle is over its budget: see what grew with `wrangler deploy --dry-run --metafile`.",
  );
  process.exit(1);
}
