/**
 * `npm run call-centre -- <document> [binding message]`: a call centre's backend logging a
 * citizen in through their Llave app (OpenID CIBA, poll mode, docs/oidc.md "Backchannel
 * login"), with @llave/sdk as the demo agency of a running `npm run dev`. It prints what the
 * operator says — the binding message and the number the citizen must pick in the app — polls
 * until the citizen answers, and prints the verified ID token's claims and userinfo. Exits 1
 * when the citizen declines or the request is refused or expires, 2 for a usage error.
 */
import { parseArgs } from "node:util";
import { type AcrLevel, acrLevel, createClient, isLlaveError } from "../sdk/src/index.ts";
import { DEFAULT_URL } from "./lib/admin-api.ts";
import { dataDir, readDevStackFile, readSecret } from "./lib/dev-stack-file.ts";

const USAGE = `Usage: npm run call-centre -- <document> [binding message] [options]

  <document>          the citizen's DNI, NIE or codice fiscale (e.g. a demo citizen's)
  [binding message]   shown in the citizen's app, 1-64 characters (default "Llamada NNNN")

Options
  --scope SCOPES      default "openid profile document"
  --acr LEVEL         low, substantial or high: the lowest level accepted
  --expiry SECONDS    how long the citizen has to answer (Llave caps it)

Environment
  LLAVE_URL             the issuer; default: npm run dev's (.data/dev-stack.json), else
                        http://localhost:8787
  LLAVE_CLIENT_ID       default demo-agency
  LLAVE_CLIENT_SECRET   default DEMO_CLIENT_SECRET from .data/dev-secrets.json (npm run dev)
  LLAVE_DATA_DIR        the data folder of npm run dev, default .data
`;

const DATA = dataDir();
const stack = readDevStackFile(DATA);

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** The demo agency's secret as `npm run dev` keeps it, unless the shell gives one. */
function clientSecret(): string {
  if (process.env.LLAVE_CLIENT_SECRET) return process.env.LLAVE_CLIENT_SECRET;
  return (
    readSecret(DATA, { file: "dev-secrets.json", key: "DEMO_CLIENT_SECRET" }) ??
    fail("No client secret: set LLAVE_CLIENT_SECRET, or run `npm run dev` once.")
  );
}

const OPTIONS = {
  scope: { type: "string", default: "openid profile document" },
  acr: { type: "string" },
  expiry: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;
let args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
try {
  args = parseArgs({ options: OPTIONS, allowPositionals: true });
} catch (error) {
  fail(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
}
const { values, positionals } = args;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [document, ...words] = positionals;
if (!document) fail(USAGE);
const acr: AcrLevel | undefined =
  values.acr === undefined
    ? undefined
    : (acrLevel(values.acr) ?? fail(`--acr: ${values.acr} is not low, substantial or high`));
const expiry = values.expiry === undefined ? undefined : Number(values.expiry);
if (expiry !== undefined && !(Number.isInteger(expiry) && expiry > 0)) {
  fail("--expiry is a whole number of seconds");
}
const callNumber = (crypto.getRandomValues(new Uint16Array(1))[0] ?? 0) % 10_000;
const bindingMessage = words.join(" ") || `Llamada ${String(callNumber).padStart(4, "0")}`;

const issuer = (process.env.LLAVE_URL || stack?.issuer || DEFAULT_URL).replace(/\/+$/, "");
const llave = createClient({
  issuer,
  clientId: process.env.LLAVE_CLIENT_ID || stack?.clientId || "demo-agency",
  clientSecret: clientSecret(),
});

try {
  const request = await llave.backchannelAuthenticate({
    loginHint: document,
    bindingMessage,
    scope: values.scope,
    ...(acr ? { acrValues: acr } : {}),
    ...(expiry ? { requestedExpiry: expiry } : {}),
  });
  console.log(`
Say to the citizen:
  "Open the Llave app. You will see a request from us that says «${bindingMessage}».
   If it does, pick the number ${request.matchNumber} and approve it."

Waiting for the answer (up to ${request.expiresIn} s; polling every ${request.interval} s)…`);
  const { claims, tokens } = await llave.pollBackchannelToken(request.authReqId, {
    interval: request.interval,
    ...(acr ? { acr } : {}),
  });
  console.log("\nThe citizen approved. Verified ID token claims:");
  console.log(JSON.stringify(claims, null, 2));
  // The scopes' claims (name, document…) come from userinfo, as for the code flow.
  const person = await llave.userinfo(tokens.accessToken, { subject: claims.sub });
  console.log("Userinfo:");
  console.log(JSON.stringify(person, null, 2));
} catch (error) {
  if (!isLlaveError(error)) throw error;
  const reason = error.code === "oauth_error" ? (error.error ?? error.code) : error.code;
  fail(`\nNo login: ${reason}: ${error.errorDescription ?? error.message}`, 1);
}
