/**
 * `npm run activation-code -- <citizenId> [--sms | --letter]`: issues a permanent-password
 * activation code through the admin API of a running Llave (docs/password.md), as a
 * registration office would. `--letter` (the default) prints the code to hand over; `--sms`
 * sends it to the citizen's mobile (locally: the dev outbox) and prints only its expiry.
 * Any earlier code of the citizen stops working.
 */
import { parseArgs } from "node:util";
import { AdminProblem, AdminUnreachable, adminCall, adminTarget } from "./lib/admin-api.ts";

const USAGE = `Usage: npm run activation-code -- <citizenId> [--sms | --letter]

  --letter   print the code, for a letter (default)
  --sms      send it to the citizen's registered mobile

Demo citizens registered at the advanced level: cit_demo_javier, cit_demo_carmen.

Environment
  LLAVE_URL           default: where npm run dev listens (.data/dev-stack.json), else
                      http://localhost:8787
  LLAVE_ADMIN_TOKEN   default ADMIN_TOKEN from .data/dev-secrets.json (written by npm run dev)
  LLAVE_DATA_DIR      the data folder of npm run dev, default .data
`;

const { values, positionals } = parseArgs({
  options: { sms: { type: "boolean" }, letter: { type: "boolean" }, help: { type: "boolean" } },
  allowPositionals: true,
});
const [citizenId] = positionals;
if (values.help || !citizenId || positionals.length > 1 || (values.sms && values.letter)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

try {
  const delivery = values.sms ? "sms" : "letter";
  const issued = (await adminCall(
    adminTarget(),
    "POST",
    `/admin/citizens/${encodeURIComponent(citizenId)}/activation-codes`,
    { delivery },
  )) as { code?: string; expiresAt: number };
  // The day as the citizen's SMS and letter say it: in the administration's zone, not UTC
  // (TIME_ZONE, Europe/Madrid unless set), or an operator would write the wrong day after
  // midnight in Madrid.
  const until = new Intl.DateTimeFormat("en-CA", {
    timeZone: process.env.TIME_ZONE ?? "Europe/Madrid",
  }).format(issued.expiresAt);
  console.log(
    issued.code
      ? `Activation code for ${citizenId}: ${issued.code} (valid until ${until})`
      : `Activation code sent by SMS to ${citizenId}'s mobile (valid until ${until}).`,
  );
} catch (error) {
  if (error instanceof AdminProblem || error instanceof AdminUnreachable) {
    console.error(`Refused: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
