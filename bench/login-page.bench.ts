/**
 * `npm run bench:login` (and the last part of `npm run bench`): how long a citizen waits for
 * the login app's first screen in Chromium, full page and inside `<llave-login>` on the demo
 * agency's page, with an empty cache and with the assets cached; and what the browser
 * downloads for it. bench/README.md ("Login page in Chromium") explains what is measured and
 * every option.
 *
 * Exit status: 0 whether or not the target is met; 1 on a functional error (a navigation that
 * never shows the first screen, a redirect that does not land on the login page).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { type CoresUsed, coresUsed, cpuSnapshot } from "./lib/cpu.ts";
import {
  authorizeUrl,
  type ElementSample,
  elementNavigation,
  type FullPageSample,
  fullPageNavigation,
  recordTransfers,
  type Transfer,
} from "./lib/login-page-browser.ts";
import { parseLoginPageOptions } from "./lib/login-page-options.ts";
import {
  caseResult,
  printLoginPageReport,
  transferRows,
  writeLoginPageResults,
} from "./lib/login-page-report.ts";
import { type LoginPageStack, startLoginPageStack } from "./lib/login-page-setup.ts";
import { TMPFS } from "./lib/options.ts";

const options = parseLoginPageOptions();
if (!existsSync(options.chromium)) {
  console.error(
    `Chromium not found at ${options.chromium}: apt-get install chromium, or --chromium PATH`,
  );
  process.exit(2);
}
const tmp = mkdtempSync(join(options.storage === "tmpfs" ? TMPFS : tmpdir(), "llave-login-page-"));
let stack: LoginPageStack | null = null;
let browser: Browser | null = null;
let exitCode = 0;

try {
  const setupStart = performance.now();
  stack = await startLoginPageStack(tmp, options.bundle);
  browser = await chromium.launch({
    executablePath: options.chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
  });
  const opened = browser;
  const { issuer } = stack;
  const demoClient = stack.demoClient;
  const agencyPage = `${stack.agencyOrigin}/services/padron`;
  console.log(
    `Llave login page benchmark — Chromium ${opened.version()}, Llave at ${issuer}, ` +
      `demo agency at ${stack.agencyOrigin} (client ${stack.agencyClientId}); ` +
      `set up in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  const newContext = () => opened.newContext({ locale: "es-ES" });
  const fullPage = (page: Page) =>
    fullPageNavigation(page, authorizeUrl(issuer, demoClient), options.timeoutMs);
  const element = (page: Page) => elementNavigation(page, agencyPage, issuer, options.timeoutMs);
  /** One navigation in a new tab of a context of its own: empty cache, no cookies. */
  const cold = async <T>(fn: (page: Page) => Promise<T>, record?: Transfer[]) => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      if (!record) return await fn(page);
      const { result, transfers } = await recordTransfers(context, () => fn(page));
      record.push(...transfers);
      return result;
    } finally {
      await context.close();
    }
  };

  // What a cold navigation downloads, once per case; these also warm the stack up.
  const transfers: Transfer[] = [];
  await cold(fullPage, transfers);
  await cold(element, transfers);

  // Warm: one tab per case, navigated again and again; its context keeps cache and cookies.
  const warmContext = await newContext();
  const warmFull = await warmContext.newPage();
  const warmElement = await warmContext.newPage();
  const samples = {
    fullCold: [] as FullPageSample[],
    fullWarm: [] as FullPageSample[],
    elementCold: [] as ElementSample[],
    elementWarm: [] as ElementSample[],
  };
  // Interleaved, so that a busy moment of the machine spreads over every case.
  const started = performance.now();
  const cpuBefore = cpuSnapshot();
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const measured = i >= options.warmup;
    const fc = await cold(fullPage);
    const fw = await fullPage(warmFull);
    const ec = await cold(element);
    const ew = await element(warmElement);
    if (measured) {
      samples.fullCold.push(fc);
      samples.fullWarm.push(fw);
      samples.elementCold.push(ec);
      samples.elementWarm.push(ew);
    }
    const n = i + 1 - options.warmup;
    if (measured && (n % 10 === 0 || n === options.runs)) {
      console.log(
        `${n}/${options.runs} rounds in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
          `(last: full page ${fc.total}/${fw.total} ms, element ${ec.total}/${ew.total} ms, cold/warm)`,
      );
    }
  }
  const cores: CoresUsed = coresUsed(cpuBefore, cpuSnapshot());
  await warmContext.close();

  const result = {
    options,
    chromium: opened.version(),
    issuer,
    agencyPage,
    cores,
    bundle: {
      path: stack.bundle.source,
      rawBytes: stack.bundle.rawBytes,
      gzipBytes: stack.bundle.gzipBytes,
    },
    cases: [
      caseResult("full page", "cold", samples.fullCold),
      caseResult("full page", "warm", samples.fullWarm),
      caseResult("element", "cold", samples.elementCold),
      caseResult("element", "warm", samples.elementWarm),
    ],
    transfers: transferRows(issuer, transfers),
  };
  printLoginPageReport(result);
  console.log(`\nresults → ${writeLoginPageResults(result)}`);
} catch (error) {
  exitCode = 1;
  console.error(
    `\nBenchmark failed: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`,
  );
} finally {
  await browser?.close();
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
