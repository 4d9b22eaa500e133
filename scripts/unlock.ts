/**
 * `npm run unlock -- <document> --reason "…" [--operator <name>]`: lifts a citizen's lockouts
 * (the account-wide back-off and hard stop, the password's pause) through the admin API of a
 * running Llave (docs/api.md "Unlock a citizen"), as a registration office would once the
 * citizen proved who they are. Audited with the operator and the reason, and told to the
 * citizen. Lockouts also end by themselves; this ends them now.
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { AdminProblem, AdminUnreachable, adminCall, adminTarget } from "./lib/admin-api.ts";

const USAGE = `Usage: npm run unlock -- <document> --reason "…" [--operator <name>]

  <document>          the citizen's DNI, NIE or codice fiscale (or --citizen-id <id> instead)
  --reason "…"        why, for the audit log (e.g. how the citizen proved who they are)
  --operator <name>   who unlocks, for the audit log (default LLAVE_OPERATOR, else your user name)

Environment
  LLAVE_URL           default http://localhost:8787
  LLAVE_ADMIN_TOKEN   default ADMIN_TOKEN from .data/dev-secrets.json (written by npm run dev)
  LLAVE_OPERATOR      default operator name
`;

const { values, positionals } = parseArgs({
  options: {
    reason: { type: "string" },
    operator: { type: "string" },
    "citizen-id": { type: "string" },
    help: { type: "boolean" },
  },
  allowPositionals: true,
});
const [document] = positionals;
const citizenId = values["citizen-id"];
const operator = values.operator ?? process.env.LLAVE_OPERATOR ?? userInfo().username;
if (
  values.help ||
  positionals.length > 1 ||
  (document === undefined) === (citizenId === undefined) ||
  !values.reason?.trim()
) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

try {
  const who = document === undefined ? { citizenId } : { document };
  const result = (await adminCall(adminTarget(), "POST", "/admin/unlocks", {
    ...who,
    operator,
    reason: values.reason,
  })) as { citizenId: string; cleared: { failures: number; passwordFailures: number } };
  const { failures, passwordFailures } = result.cleared;
  console.log(
    `Unlocked ${result.citizenId}: ${failures} consecutive failures and ${passwordFailures} wrong passwords cleared (audited as ${operator}).`,
  );
} catch (error) {
  if (error instanceof AdminProblem || error instanceof AdminUnreachable) {
    console.error(`Refused: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
