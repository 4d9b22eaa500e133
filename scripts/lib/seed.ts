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
import type { Client as AgencyClient, NewClient } from "../../worker/src/storage/client-store.ts";
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

/** The demo agency: a web app on port 8788 of this machine (its secret is the dev stack's). */
export const DEMO_CLIENT: Omit<NewClient, "secretHash"> & { id: string } = {
  id: "demo-agency",
  name: "Ayuntamiento de Villallave (demo)",
  authMethod: "client_secret_basic",
  jwks: null,
  jwksUri: null,
  redirectUris: ["http://localhost:8788/callback", "http://127.0.0.1:8788/callback"],
  postLogoutRedirectUris: ["http://localhost:8788/"],
  frameOrigins: ["http://localhost:8788"],
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
 * Registers the demo agency with `secret`. A client already registered keeps its settings
 * (an operator may have changed them), but gets `secret` if it has another one, so the
 * credentials the dev stack prints always work (unless it was moved to private_key_jwt).
 *
 * @example await seedDemoClient(accounts, secrets.DEMO_CLIENT_SECRET);
 */
export async function seedDemoClient(accounts: Client, secret: string): Promise<AgencyClient> {
  const store = new LibsqlClientStore(
    accountsDatabase(libsqlTransport(accounts as never)),
    systemClock,
    cryptoRandom,
  );
  const audit = { actor: "system" } as const;
  const found = await store.find(DEMO_CLIENT.id);
  const secretHash = await clientSecretHash(secret);
  if (!found) return store.create({ ...DEMO_CLIENT, secretHash }, audit);
  if (found.authMethod === "private_key_jwt") return found;
  if (await clientSecretMatches(secret, [found.secretHash])) return found;
  return store.rotateSecret(found.id, secretHash, systemClock.now(), audit);
}
