/**
 * axe-core in a Chromium page or frame, for the browser suites: WCAG 2.1 A/AA rules, and the
 * serious and critical violations as readable lines (an empty list passes). The page must let
 * the script in (`bypassCSP` for pages whose CSP rightly refuses it).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: unknown[] };

/** @example expect(await seriousViolations(page)).toEqual([]); */
export async function seriousViolations(target: Frame | Page): Promise<string[]> {
  await target.evaluate(AXE);
  const violations = (await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(...a: unknown[]): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as { violations: unknown[] };
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} ×${v.nodes.length}`);
}
