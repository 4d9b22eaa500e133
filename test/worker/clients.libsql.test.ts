/**
 * The libSQL ClientStore inside workerd, through the bridge to the real engine: the
 * ClientStore contract. test/node/accounts.contract.test.ts runs it on the production transport.
 */
import { configFrom } from "../../worker/src/config.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { accountsFrom } from "../../worker/src/storage/libsql/open.ts";
import { clientStoreContract } from "../contracts/client-store.contract.ts";
import { testEnv } from "./harness.ts";

clientStoreContract("libSQL via the dev/test bridge", (clock) =>
  accountsFrom(configFrom(testEnv), testEnv, clock, cryptoRandom),
);
