/**
 * Demo citizens for the local stack: one of each kind a person needs to try every rule
 * (basic and advanced DNI, NIE, codice fiscale, a permanent DNI). Idempotent: citizens already
 * registered are left as they are.
 */
import type { Client } from "@libsql/client";
import { systemClock } from "../../worker/src/clock.ts";
import { cryptoRandom } from "../../worker/src/crypto/random.ts";
import { makeCodiceFiscale, makeDni, makeNie } from "../../worker/src/identity/documents.ts";
import { DuplicateCitizenError, type NewCitizen } from "../../worker/src/storage/account-store.ts";
import { LibsqlAccountStore } from "../../worker/src/storage/libsql/account-store.ts";
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
