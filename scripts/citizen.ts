/**
 * `npm run citizen -- suspend|reinstate <citizenId> --reason "…" [--operator <name>]`: suspends
 * or reinstates a citizen through the admin API of a running Llave (docs/api.md). A suspension
 * ends the citizen's sessions and revokes their tokens at once; reinstating lets them log in
 * again. Both are audited with the operator and the reason, and the citizen is told.
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { AdminProblem, AdminUnreachable, adminCall, adminTarget } from "./lib/admin-api.ts";

const USAGE = `Usage: npm run citizen -- <suspend | reinstate> <citizenId> --reason "…" [--operator <name>]

  --reason     why, kept in the audit log (required)
  --operator   who acts, kept in the audit log (default: your user name)

Environment
  LLAVE_URL           default http://localhost:8787
  LLAVE_ADMIN_TOKEN   default ADMIN_TOKEN from .data/dev-secrets.json (written by npm run dev)
`;

const { values, positionals } = parseArgs({
  options: {
    reason: { type: "string" },
    operator: { type: "string" },
    help: { type: "boolean" },
  },
  allowPositionals: true,
});
const [action, citizenId] = positionals;
if (
  values.help ||
  (action !== "suspend" && action !== "reinstate") ||
  !citizenId ||
  positionals.length > 2 ||
  !values.reason
) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

try {
  const answer = (await adminCall(
    adminTarget(),
    "POST",
    `/admin/citizens/${encodeURIComponent(citizenId)}/${action}`,
    { operator: values.operator ?? userInfo().username, reason: values.reason },
  )) as { status: string; sessionsEnded?: number; grantsRevoked?: number };
  console.log(
    action === "suspend"
      ? `${citizenId} suspended: ${answer.sessionsEnded} sessions ended, ${answer.grantsRevoked} grants revoked.`
      : `${citizenId} is active again; they must log in again.`,
  );
} catch (error) {
  if (error instanceof AdminProblem || error instanceof AdminUnreachable) {
    console.error(`Refused: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
