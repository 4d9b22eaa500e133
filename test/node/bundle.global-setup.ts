/**
 * Builds the production bundle once for the whole node project (`wrangler deploy --dry-run`:
 * seconds of CPU each time, and a dozen files start a stack), and hands its path to the test
 * files through vitest's provide/inject (`testBundle()` in test-bundle.ts). The files only read
 * it: each stack still gets its own database, Durable Objects and secrets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildBundle } from "../../scripts/lib/stack.ts";

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "llave-bundle-"));
  project.provide("bundle", buildBundle(join(dir, "build")));
  return () => rmSync(dir, { recursive: true, force: true });
}
