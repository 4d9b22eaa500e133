/**
 * What exists before the load: a snapshot of the bundle, the accounts database with its
 * citizens, and the pool that hands those citizens to the virtual users.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Client as LibsqlClient } from "@libsql/client";
import { migrateAccounts, openAccounts, ROOT } from "../../scripts/lib/accounts.ts";
import { makeDni } from "../../worker/src/identity/documents.ts";
import { auditLog, citizens } from "../../worker/src/storage/libsql/schema.ts";
import { accountsDatabase, libsqlTransport } from "../../worker/src/storage/libsql/transport.ts";
import { CONTRAST } from "./options.ts";

export type Bundle = {
  /** As given, relative to the repository. */
  source: string;
  /** The copy that runs: dist/ is shared and may be rebuilt while the bench runs. */
  path: string;
  rawBytes: number;
  gzipBytes: number;
};

/** Copies the bundle into `dir` (`dir`/worker/index.js) and measures it as wrangler reports it. */
export function snapshotBundle(bundle: string, dir: string): Bundle {
  const from = resolve(ROOT, bundle);
  if (!existsSync(from)) {
    throw new Error(`${bundle} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const raw = readFileSync(from);
  const path = join(dir, "worker", "index.js");
  mkdirSync(join(dir, "worker"), { recursive: true });
  writeFileSync(path, raw);
  return {
    source: relative(ROOT, from),
    path,
    rawBytes: raw.length,
    gzipBytes: gzipSync(raw).length,
  };
}

/** A fresh embedded accounts database in `dir`, migrated. */
export async function openBenchAccounts(dir: string): Promise<LibsqlClient> {
  const client = await openAccounts(`file:${join(dir, "llave.db")}`);
  await migrateAccounts(client);
  return client;
}

export type BenchCitizen = {
  index: number;
  id: string;
  document: string;
  mobile: string;
  uses: number;
};

/** Registers `count` advanced DNI citizens, 500 per transaction, each with its audit event. */
export async function registerCitizens(
  client: LibsqlClient,
  count: number,
): Promise<BenchCitizen[]> {
  const db = accountsDatabase(libsqlTransport(client as never));
  const now = Date.now();
  const all: BenchCitizen[] = [];
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const rows: (typeof citizens.$inferInsert)[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const c: BenchCitizen = {
        index: i,
        id: `cit_bench_${i}`,
        document: makeDni(10_000_000 + i),
        mobile: `+3461${String(i).padStart(7, "0")}`,
        uses: 0,
      };
      all.push(c);
      rows.push({
        id: c.id,
        documentType: "DNI",
        documentNumber: c.document,
        contrastKind: "dni_validity",
        contrastValue: CONTRAST,
        givenName: "Bench",
        familyName: `Citizen ${i}`,
        secondFamilyName: null,
        birthDate: "1980-01-01",
        mobile: c.mobile,
        email: null,
        registrationLevel: "advanced",
        status: "active",
        createdAt: now,
        updatedAt: now,
      });
      audits.push({
        at: now,
        event: "citizen.registered",
        actor: "system",
        citizenId: c.id,
        loginId: null,
        ip: null,
        userAgent: null,
        detail: { documentType: "DNI", level: "advanced" },
      });
    }
    await db.batch([db.insert(citizens).values(rows), db.insert(auditLog).values(audits)]);
  }
  return all;
}

/**
 * Hands out citizens so that no two verifications ever share one (a citizen has one live PIN):
 * a window of citizens takes turns first-in first-out, and a citizen leaves it for a fresh one
 * after `uses` verifications (never more than PIN_MAX_SENDS_PER_HOUR).
 */
export class CitizenPool {
  readonly all: readonly BenchCitizen[];
  readonly #turns: BenchCitizen[] = [];
  readonly #uses: number;
  #nextFresh = 0;
  #head = 0;

  constructor(all: BenchCitizen[], window: number, uses: number) {
    this.all = all;
    this.#uses = uses;
    for (let i = 0; i < window; i++) this.#admit();
  }

  #admit(): void {
    const c = this.all[this.#nextFresh];
    if (c) {
      this.#nextFresh++;
      this.#turns.push(c);
    }
  }

  take(): BenchCitizen | undefined {
    if (this.#head >= this.#turns.length) return undefined;
    const c = this.#turns[this.#head++];
    if (this.#head > 65_536) {
      this.#turns.splice(0, this.#head);
      this.#head = 0;
    }
    return c;
  }

  give(c: BenchCitizen): void {
    c.uses++;
    if (c.uses < this.#uses) this.#turns.push(c);
    else this.#admit();
  }

  /** A citizen no verification has used yet, outside the turns (its CitizenObject is new). */
  takeFresh(): BenchCitizen | undefined {
    const c = this.all[this.#nextFresh];
    if (c) {
      this.#nextFresh++;
      c.uses++;
    }
    return c;
  }

  get citizensUsed(): number {
    return this.#nextFresh;
  }
}
