/**
 * The API reference, docs/reference/, generated from the JSDoc by TypeDoc with
 * typedoc-plugin-markdown as typedoc.json configures it. `npm run docs` writes it;
 * `npm run docs:check` (part of the root `sdk:check`, so of CI) writes it to a temporary folder
 * and fails if it differs from the committed one. Both fail, writing nothing, when TypeDoc
 * warns (an export, or a member of an exported type, without documentation; a broken
 * `{@link}`; a type used but not exported) or when an export — or a method of an exported
 * type, such as `LlaveClient.refresh` — has no `@example`: the issue asks for one on every
 * export.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Application, type ProjectReflection, type Reflection, ReflectionKind } from "typedoc";

const SDK = resolve(import.meta.dirname, "..");
const COMMITTED = join(SDK, "docs/reference");
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "llave-reference-")) : COMMITTED;

function hasExample(reflection: Reflection): boolean {
  const signatures = "signatures" in reflection ? (reflection.signatures as Reflection[]) : [];
  return [reflection, ...(signatures ?? [])].some((r) => r.comment?.getTag("@example"));
}

/** Exports and the methods of exported types without an `@example`, by name. */
function withoutExample(project: ProjectReflection): string[] {
  const exported = (project.children ?? []).flatMap((module) => module.children ?? []);
  const methods = project.getReflectionsByKind(ReflectionKind.Method);
  return [...exported, ...methods]
    .filter((r) => !r.flags.isExternal && !r.flags.isInherited && !hasExample(r))
    .map((r) => r.getFriendlyFullName());
}

const app = await Application.bootstrapWithPlugins({ options: join(SDK, "typedoc.json"), out });
app.on(Application.EVENT_VALIDATE_PROJECT, (project: ProjectReflection) => {
  for (const name of withoutExample(project)) app.logger.warn(`${name} has no @example`);
});

const project = await app.convert();
if (project) app.validate(project);
if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) {
  console.error("The API reference was not generated: fix the JSDoc above.");
  process.exit(1);
}
await app.generateOutputs(project);
if (app.logger.hasErrors()) process.exit(1);

if (check) {
  const differences = compare(COMMITTED, out);
  rmSync(out, { recursive: true, force: true });
  if (differences.length > 0) {
    console.error(
      `docs/reference is out of date (${differences.join(", ")}): run \`npm run -w sdk docs\` and commit it.`,
    );
    process.exit(1);
  }
  console.log("docs/reference is up to date.");
}

/** The files that differ between two folders, by relative path. */
function compare(expected: string, actual: string): string[] {
  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort();
  const safeFiles = (dir: string) => {
    try {
      return files(dir);
    } catch {
      return [];
    }
  };
  const names = new Set([...safeFiles(expected), ...safeFiles(actual)]);
  return [...names].filter((name) => {
    try {
      return !readFileSync(join(expected, name)).equals(readFileSync(join(actual, name)));
    } catch {
      return true;
    }
  });
}
