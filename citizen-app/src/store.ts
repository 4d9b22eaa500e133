/**
 * What the app keeps on the device, in IndexedDB (one database, one object store, a record a
 * key):
 *
 *  - `device`: the device key pair (non-extractable; IndexedDB keeps CryptoKeys by structured
 *    clone, so the private key never exists as bytes the page could read), the device's id and
 *    the citizen it belongs to, as the activation answered, and beside the key the seed of the
 *    step-up codes (./step-up-code.ts): as sensitive as the key's use, and kept the same way;
 *  - `lock`: the app code's PBKDF2 hash, its salt and the count of wrong unlocks (./app-code.ts).
 *
 * Nothing else: PINs and approvals live only in memory while the app is unlocked.
 */
import type { Citizen, TotpSetup } from "./api.ts";
import type { DeviceKeys } from "./proof.ts";

export type DeviceRecord = {
  keys: DeviceKeys;
  deviceId: string;
  citizen: Citizen;
  activatedAt: number;
  /**
   * The step-up codes' seed; absent on devices activated before the codes existed, and when
   * the registration's answer was lost (it is never sent again).
   */
  totp?: TotpSetup;
};

export type LockRecord = {
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
  iterations: number;
  /** Wrong unlocks in a row; written before each check is made. */
  failures: number;
};

type Records = { device: DeviceRecord; lock: LockRecord };

const DATABASE = "llave-app";
const STORE = "state";

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    // Resolved when the transaction is durable, not when the request is queued.
    transaction.oncomplete = () => resolve(request.result as T);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const load = <K extends keyof Records>(key: K): Promise<Records[K] | undefined> =>
  run("readonly", (store) => store.get(key));

export const save = <K extends keyof Records>(key: K, value: Records[K]): Promise<void> =>
  run("readwrite", (store) => store.put(value, key));

/** Forgets the device key and the app code: the app is as before activation. */
export const wipe = (): Promise<void> => run("readwrite", (store) => store.clear());
