/**
 * The production bundle running in workerd (the `npm run dev` stack) for Node-side tests that
 * need a real worker: a fresh migrated database with the demo citizens, fresh secrets, a
 * known issuer URL, the dev outbox in this process, and an agency registered through the admin
 * API the way an operator does it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import type { Miniflare } from "miniflare";
import { migrateAccounts, openAccounts } from "../../scripts/lib/accounts.ts";
import { freePort } from "../../scripts/lib/free-port.ts";
import { createOutbox, type Outbox } from "../../scripts/lib/outbox.ts";
import { generateSecrets } from "../../scripts/lib/secrets.ts";
import { seedDemoCitizens } from "../../scripts/lib/seed.ts";
import { startStack } from "../../scripts/lib/stack.ts";
import { systemClock } from "../../worker/src/clock.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { makeDni } from "../../worker/src/identity/documents.ts";
import type { Citizen, NewCitizen } from "../../worker/src/storage/account-store.ts";
import { LibsqlAccountStore } from "../../worker/src/storage/libsql/account-store.ts";
import { accountsDatabase, libsqlTransport } from "../../worker/src/storage/libsql/transport.ts";
import { testBundle } from "./test-bundle.ts";

/** Who a test's citizen is; the document, the mobile and the level are made up here. */
export type Person = Pick<
  NewCitizen,
  "givenName" | "familyName" | "secondFamilyName" | "birthDate" | "contrastValue"
> & { email?: string | null };

export type RunningStack = {
  issuer: string;
  outbox: Outbox;
  adminToken: string;
  /** The accounts database the worker uses (libSQL file), for test setup. */
  accounts: Client;
  /**
   * Registers an advanced-level DNI citizen of the test's own (a new document and mobile each
   * time), the way the demo seed does, with the given person's details.
   */
  registerCitizen(person: Person): Promise<Citizen>;
  /** Registers a client through POST /admin/clients; returns its id and secret. */
  registerClient(metadata: Record<string, unknown>): Promise<{ id: string; secret: string }>;
  /** The newest PIN sent to `to` after message id `after`, waiting up to 5 s. */
  pinFor(to: string, after: number): Promise<string>;
  dispose(): Promise<void>;
};

/** `vars`: configuration on top of the dev stack's (e.g. short PIN timings for a browser test). */
export async function runningStack(
  options: { vars?: Record<string, string> } = {},
): Promise<RunningStack> {
  const dir = mkdtempSync(join(tmpdir(), "llave-stack-"));
  const accounts = await openAccounts(`file:${join(dir, "accounts.db")}`);
  await migrateAccounts(accounts);
  await seedDemoCitizens(accounts);
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const secrets = generateSecrets();
  const outbox = createOutbox();
  const mf: Miniflare = await startStack({
    bundle: testBundle(),
    port,
    accounts,
    outbox,
    vars: { ...secrets, ISSUER: issuer, DEV_MODE: "true", ...options.vars },
  });

  const store = new LibsqlAccountStore(
    accountsDatabase(libsqlTransport(accounts as never)),
    systemClock,
    cryptoRandom,
  );
  let registered = 0;

  return {
    issuer,
    outbox,
    adminToken: secrets.ADMIN_TOKEN,
    accounts,
    registerCitizen(person) {
      const n = 50_000_000 + ++registered;
      return store.register(
        {
          id: `cit_test_${registered}`,
          documentType: "DNI",
          documentNumber: makeDni(n),
          contrastKind: "dni_validity",
          mobile: `+3462${String(n).slice(-7)}`,
          email: null,
          registrationLevel: "advanced",
          ...person,
        },
        { actor: "system" },
      );
    },
    async registerClient(metadata) {
      const response = await fetch(`${issuer}/admin/clients`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${secrets.ADMIN_TOKEN}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(metadata),
      });
      if (response.status !== 201) throw new Error(`register client: ${await response.text()}`);
      const body = (await response.json()) as { client: { id: string }; clientSecret: string };
      return { id: body.client.id, secret: body.clientSecret };
    },
    async pinFor(to, after) {
      for (let i = 0; i < 100; i++) {
        const entry = outbox.entries.find((e) => e.id > after && e.to === to && e.kind === "pin");
        const pin = entry && /\b\d{6}\b/.exec(entry.text)?.[0];
        if (pin) return pin;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no PIN for ${to}`);
    },
    async dispose() {
      await mf.dispose();
      accounts.close();
    },
  };
}
