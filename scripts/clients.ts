/**
 * `npm run clients -- <command>`: manage agencies' OpenID Connect clients through the admin
 * API of a running Llave (docs/api.md "Admin API and CLI"). Answers are printed as JSON; a
 * refusal is printed with the server's reasons and exits with 1 (2 for a usage error).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AdminProblem, AdminUnreachable, adminCall, adminTarget } from "./lib/admin-api.ts";

const USAGE = `Usage: npm run clients -- <command> [options]

Commands
  list [--limit N] [--after ID] [--all]   clients in id order (--all follows every page)
  show <id>
  create --name NAME --redirect-uri URL [options]
  update <id> [options]                   list options replace the whole list
  disable <id> | enable <id>
  rotate-secret <id> [--grace-seconds N]  the old secret works N more seconds (default 86400)

Client options
  --id SLUG                  (create) 3-64 of a-z 0-9 -; generated when absent
  --name NAME                shown to citizens
  --auth METHOD              client_secret_basic (default), client_secret_post, private_key_jwt
  --redirect-uri URL         repeatable
  --post-logout-uri URL      repeatable
  --frame-origin ORIGIN      repeatable: origins allowed to frame the login app
  --scope SCOPE              repeatable or space/comma separated; must include openid
  --method METHOD            repeatable: allowed login methods (pin, password, mobile)
  --min-acr LEVEL            low, substantial, high
  --subject TYPE             pairwise (default) or public
  --sector HOST              sector identifier for pairwise subjects
  --id-token-alg ALG         ES256 (default) or RS256
  --id-token-ttl S | --access-token-ttl S | --refresh-token-ttl S
  --jwks-uri URL | --jwks-file FILE (a public JWK set)
  --backchannel-logout-uri URL
  --clear MEMBER             (update) empty a member: jwks, jwks-uri, backchannel-logout-uri,
                             frame-origin, post-logout-uri

Environment
  LLAVE_URL           default: where npm run dev listens (.data/dev-stack.json), else
                      http://localhost:8787
  LLAVE_ADMIN_TOKEN   default ADMIN_TOKEN from .data/dev-secrets.json (written by npm run dev)
  LLAVE_DATA_DIR      the data folder of npm run dev, default .data
`;

class UsageError extends Error {
  override name = "UsageError";
}

const OPTIONS = {
  id: { type: "string" },
  name: { type: "string" },
  auth: { type: "string" },
  "redirect-uri": { type: "string", multiple: true },
  "post-logout-uri": { type: "string", multiple: true },
  "frame-origin": { type: "string", multiple: true },
  scope: { type: "string", multiple: true },
  method: { type: "string", multiple: true },
  "min-acr": { type: "string" },
  subject: { type: "string" },
  sector: { type: "string" },
  "id-token-alg": { type: "string" },
  "id-token-ttl": { type: "string" },
  "access-token-ttl": { type: "string" },
  "refresh-token-ttl": { type: "string" },
  "jwks-uri": { type: "string" },
  "jwks-file": { type: "string" },
  "backchannel-logout-uri": { type: "string" },
  clear: { type: "string", multiple: true },
  "grace-seconds": { type: "string" },
  limit: { type: "string" },
  after: { type: "string" },
  all: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

/** Whole numbers go as numbers; anything else as typed, for the server to explain. */
const number = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

const words = (values: string[]): string[] =>
  values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);

const CLEARED: Record<string, [string, null | []]> = {
  jwks: ["jwks", null],
  "jwks-uri": ["jwksUri", null],
  "backchannel-logout-uri": ["backchannelLogoutUri", null],
  "frame-origin": ["frameOrigins", []],
  "post-logout-uri": ["postLogoutRedirectUris", []],
};

/** The client metadata the options set, in the admin API's names. */
function metadata(v: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set("name", v.name);
  set("authMethod", v.auth);
  set("redirectUris", v["redirect-uri"]);
  set("postLogoutRedirectUris", v["post-logout-uri"]);
  set("frameOrigins", v["frame-origin"]);
  set("scopes", v.scope && words(v.scope));
  set("allowedMethods", v.method && words(v.method));
  set("minAcr", v["min-acr"]);
  set("subjectType", v.subject);
  set("sectorIdentifier", v.sector);
  set("idTokenAlg", v["id-token-alg"]);
  set("idTokenTtl", v["id-token-ttl"] && number(v["id-token-ttl"]));
  set("accessTokenTtl", v["access-token-ttl"] && number(v["access-token-ttl"]));
  set("refreshTokenTtl", v["refresh-token-ttl"] && number(v["refresh-token-ttl"]));
  set("jwksUri", v["jwks-uri"]);
  set("jwks", v["jwks-file"] && readJwks(v["jwks-file"]));
  set("backchannelLogoutUri", v["backchannel-logout-uri"]);
  for (const member of v.clear ?? []) {
    const cleared = CLEARED[member];
    if (!cleared) throw new UsageError(`--clear takes one of ${Object.keys(CLEARED).join(", ")}`);
    body[cleared[0]] = cleared[1];
  }
  return body;
}

function readJwks(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`Cannot read --jwks-file ${file}: ${(error as Error).message}`);
  }
}

function one(positionals: string[], command: string): string {
  const [id, ...rest] = positionals;
  if (!id || rest.length > 0) throw new UsageError(`${command} takes exactly one client id`);
  return encodeURIComponent(id);
}

type Call = { method: "GET" | "POST" | "PATCH"; path: string; body?: unknown };

const listPath = (limit: string | undefined, after: string | undefined) =>
  `/admin/clients?${new URLSearchParams({
    ...(limit ? { limit } : {}),
    ...(after ? { after } : {}),
  })}`;

/** The admin API call a command makes; usage errors are found before anything is sent. */
function callFor(command: string, rest: string[], values: Values): Call {
  const client = () => `/admin/clients/${one(rest, command)}`;
  switch (command) {
    case "list":
      if (rest.length > 0) throw new UsageError("list takes options only");
      return { method: "GET", path: listPath(values.limit, values.after) };
    case "show":
      return { method: "GET", path: client() };
    case "create":
      if (rest.length > 0) throw new UsageError("create takes options only");
      return {
        method: "POST",
        path: "/admin/clients",
        body: { ...(values.id ? { id: values.id } : {}), ...metadata(values) },
      };
    case "update":
      return { method: "PATCH", path: client(), body: metadata(values) };
    case "disable":
    case "enable":
      return {
        method: "PATCH",
        path: client(),
        body: { status: command === "disable" ? "disabled" : "active" },
      };
    case "rotate-secret": {
      const grace = values["grace-seconds"];
      return {
        method: "POST",
        path: `${client()}/secret`,
        body: grace === undefined ? {} : { graceSeconds: number(grace) },
      };
    }
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help) return USAGE;
  if (!command) throw new UsageError("");
  const call = callFor(command, rest, values);
  const target = adminTarget();
  const answer = await adminCall(target, call.method, call.path, call.body);
  if (command !== "list" || !values.all) return answer;
  type Page = { clients: unknown[]; next: string | null };
  const clients = [...(answer as Page).clients];
  for (let next = (answer as Page).next; next !== null; ) {
    const page = (await adminCall(target, "GET", listPath(values.limit, next))) as Page;
    clients.push(...page.clients);
    next = page.next;
  }
  return { clients, next: null };
}

try {
  const result = await run(process.argv.slice(2));
  console.log(typeof result === "string" ? result : JSON.stringify(result, null, 2));
  if (result && typeof result === "object" && "clientSecret" in result) {
    console.error("The client secret is shown only now: Llave keeps just its digest.");
  }
} catch (error) {
  if (error instanceof AdminProblem) {
    console.error(`Refused (${error.status} ${error.code}): ${error.message}`);
    for (const e of error.errors) console.error(`  ${e.path || "(body)"}: ${e.message}`);
    process.exitCode = 1;
  } else if (error instanceof AdminUnreachable) {
    console.error(error.message);
    process.exitCode = 1;
  } else if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    if ((error as Error).message) console.error(`${(error as Error).message}\n`);
    console.error(USAGE);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
