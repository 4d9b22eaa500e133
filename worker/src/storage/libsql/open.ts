/** Opens the accounts database for this deployment and builds its adapters. */
import { createClient } from "@libsql/client/web";
import type { Clock } from "../../clock.ts";
import { type Config, ConfigError } from "../../config.ts";
import type { Random } from "../../crypto/random.ts";
import type { Env } from "../../env.ts";
import type { AccountStore } from "../account-store.ts";
import type { AuditLog } from "../audit-log.ts";
import type { ClientStore } from "../client-store.ts";
import type { CredentialStore } from "../credential-store.ts";
import type { DeviceStore } from "../device-store.ts";
import { LibsqlAccountStore } from "./account-store.ts";
import { LibsqlAuditLog } from "./audit-log.ts";
import { LibsqlClientStore } from "./client-store.ts";
import { LibsqlCredentialStore } from "./credential-store.ts";
import { LibsqlDeviceStore } from "./device-store.ts";
import {
  accountsDatabase,
  bridgeTransport,
  libsqlTransport,
  type SqlTransport,
} from "./transport.ts";

export function accountsTransport(config: Config, env: Env): SqlTransport {
  if (config.libsql) {
    return libsqlTransport(
      createClient({
        url: config.libsql.url,
        ...(config.libsql.authToken ? { authToken: config.libsql.authToken } : {}),
      }),
    );
  }
  if (env.LIBSQL_BRIDGE) return bridgeTransport(env.LIBSQL_BRIDGE);
  throw new ConfigError("Set LIBSQL_URL (and LIBSQL_AUTH_TOKEN) to reach the accounts database");
}

export function accountsFrom(
  config: Config,
  env: Env,
  clock: Clock,
  random: Random,
): {
  accounts: AccountStore;
  audit: AuditLog;
  clients: ClientStore;
  credentials: CredentialStore;
  devices: DeviceStore;
} {
  const sql = accountsTransport(config, env);
  const db = accountsDatabase(sql);
  return {
    accounts: new LibsqlAccountStore(db, clock, random),
    audit: new LibsqlAuditLog(db, sql),
    clients: new LibsqlClientStore(db, clock, random),
    credentials: new LibsqlCredentialStore(db),
    devices: new LibsqlDeviceStore(db),
  };
}
