/**
 * Demo data for the local stack: citizens of each kind a person needs to try every rule
 * (basic and advanced DNI, NIE, codice fiscale, a permanent DNI), and one agency client to log
 * in to. Idempotent: what is already registered is left as it is.
 */
import type { Client } from "@libsql/client";
import { systemClock } from "../../worker/src/clock.ts";
import { clientSecretHash, clientSecretMatches } from "../../worker/src/crypto/client-secret.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { makeCodiceFiscale, makeDni, makeNie } from "../../worker/src/identity/documents.ts";
import { DuplicateCitizenError, type NewCitizen } from "../../worker/src/storage/account-store.ts";
import type {
  Client as AgencyClient,
  ClientPatch,
  NewClient,
} from "../../worker/src/storage/client-store.ts";
import { LibsqlAccountStore } from "../../worker/src/storage/libsql/account-store.ts";
import { LibsqlClientStore } from "../../worker/src/storage/libsql/client-store.ts";
import { accountsDatabase, libsqlTransport } from "../../worker/src/storage/libsql/transport.ts";

export const DEMO_CITIZENS: NewCitizen[] = [
  {
    id: "cit_demo_lucia",
    documentType: "DNI",
    documentNumber: makeDni(12345678),
    contrastKind: "dni_validity",
    contrastValue: "2031-05-07",
    givenName: "Lucía",
    familyName: "García",
    secondFamilyName: "Pérez",
    birthDate: "1988-03-14",
    mobile: "+34600000001",
    email: "lucia@example.es",
    registrationLevel: "basic",
  },
  {
    id: "cit_demo_javier",
    documentType: "DNI",
    documentNumber: makeDni(87654321),
    contrastKind: "dni_validity",
    contrastValue: "2029-11-30",
    givenName: "Javier",
    familyName: "Martín",
    secondFamilyName: "López",
    birthDate: "1975-09-02",
    mobile: "+34600000002",
    email: "javier@example.es",
    registrationLevel: "advanced",
  },
  {
    id: "cit_demo_carmen",
    documentType: "DNI",
    documentNumber: makeDni(11223344),
    contrastKind: "dni_issue",
    contrastValue: "2019-06-20",
    givenName: "Carmen",
    familyName: "Ruiz",
    secondFamilyName: "Sanz",
    birthDate: "1948-01-25",
    mobile: "+34600000003",
    email: null,
    registrationLevel: "advanced",
  },
  {
    id: "cit_demo_ana",
    documentType: "NIE",
    documentNumber: makeNie("X", 1234567),
    contrastKind: "nie_support",
    contrastValue: "E12345678",
    givenName: "Ana",
    familyName: "Popescu",
    secondFamilyName: null,
    birthDate: "1992-07-11",
    mobile: "+34600000004",
    email: "ana@example.ro",
    registrationLevel: "basic",
  },
  {
    id: "cit_demo_marco",
    documentType: "CF",
    documentNumber: makeCodiceFiscale("RSSMRA85T10A562"),
    contrastKind: "cf_card_expiry",
    contrastValue: "2028-12-31",
    givenName: "Marco",
    familyName: "Rossi",
    secondFamilyName: null,
    birthDate: "1985-12-10",
    mobile: "+39300000005",
    email: "marco@example.it",
    registrationLevel: "advanced",
  },
];

export async function seedDemoCitizens(client: Client): Promise<NewCitizen[]> {
  const store = new LibsqlAccountStore(
    accountsDatabase(libsqlTransport(client as never)),
    systemClock,
    cryptoRandom,
  );
  for (const citizen of DEMO_CITIZENS) {
    try {
      await store.register(citizen, { actor: "system" });
    } catch (error) {
      if (!(error instanceof DuplicateCitizenError)) throw error;
    }
  }
  return DEMO_CITIZENS;
}

/** Where `npm run dev` serves the demo agency site unless AGENCY_PORT says otherwise. */
export const DEMO_AGENCY_ORIGIN = "http://localhost:8788";

/**
 * The demo agency's addresses when its site is served at `origin` (http://localhost:PORT):
 * the callback under both loopback names a person may type, the page to come back to after
 * logout, and the origin allowed to frame the login.
 */
export function demoAgencyUris(
  origin: string,
): Pick<NewClient, "redirectUris" | "postLogoutRedirectUris" | "frameOrigins"> {
  const loopback = origin.replace("//localhost:", "//127.0.0.1:");
  return {
    redirectUris: [`${origin}/callback`, `${loopback}/callback`],
    postLogoutRedirectUris: [`${origin}/`],
    frameOrigins: [origin],
  };
}

/** The demo agency: a web app on this machine (its secret is the dev stack's). */
export const DEMO_CLIENT: Omit<NewClient, "secretHash"> & { id: string } = {
  id: "demo-agency",
  name: "Ayuntamiento de Villallave (demo)",
  authMethod: "client_secret_basic",
  jwks: null,
  jwksUri: null,
  ...demoAgencyUris(DEMO_AGENCY_ORIGIN),
  allowedMethods: ["pin", "password", "mobile"],
  minAcr: "low",
  subjectType: "pairwise",
  sectorIdentifier: "localhost",
  scopes: ["openid", "profile", "email", "phone", "document", "offline_access"],
  idTokenAlg: "ES256",
  idTokenTtl: 300,
  accessTokenTtl: 300,
  refreshTokenTtl: 86_400,
  backchannelLogoutUri: null,
};

/**
 * Registers the demo agency with `secret`, its site served at `origin`. A client already
 * registered keeps its settings (an operator may have changed them), with two exceptions that
 * keep what the dev stack prints working: it gets the addresses of `origin` added when it
 * lacks them (AGENCY_PORT changed since it was registered; the addresses of other ports stay,
 * as an operator's own do), and it gets `secret` if it has another one (unless it was moved to
 * private_key_jwt).
 *
 * @example await seedDemoClient(accounts, secrets.DEMO_CLIENT_SECRET, "http://localhost:9788");
 */
export async function seedDemoClient(
  accounts: Client,
  secret: string,
  origin: string = DEMO_AGENCY_ORIGIN,
): Promise<AgencyClient> {
  const store = new LibsqlClientStore(
    accountsDatabase(libsqlTransport(accounts as never)),
    systemClock,
    cryptoRandom,
  );
  const audit = { actor: "system" } as const;
  const uris = demoAgencyUris(origin);
  const found = await store.find(DEMO_CLIENT.id);
  const secretHash = await clientSecretHash(secret);
  if (!found) return store.create({ ...DEMO_CLIENT, ...uris, secretHash }, audit);
  const added = withUris(found, uris);
  const current = added ? await store.update(found.id, added, audit) : found;
  if (current.authMethod === "private_key_jwt") return current;
  if (await clientSecretMatches(secret, [current.secretHash])) return current;
  return store.rotateSecret(current.id, secretHash, systemClock.now(), audit);
}

/** The patch that adds to `client` the addresses in `uris` it lacks; null when it has them all. */
function withUris(
  client: AgencyClient,
  uris: ReturnType<typeof demoAgencyUris>,
): ClientPatch | null {
  const patch: ClientPatch = {};
  for (const key of ["redirectUris", "postLogoutRedirectUris", "frameOrigins"] as const) {
    const missing = uris[key].filter((uri) => !client[key].includes(uri));
    if (missing.length > 0) patch[key] = [...client[key], ...missing];
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
