/**
 * AccountStore: the port through which flows read and write citizens' accounts. Small on
 * purpose; the libSQL adapter (storage/libsql/) is the real implementation, and every adapter
 * runs the contract suite in test/contracts/account-store.contract.ts.
 */
import type { RegistrationLevel } from "../assurance/levels.ts";
import type { ContrastKind } from "../identity/contrast-datum.ts";
import type { DocumentType } from "../identity/documents.ts";

export type CitizenStatus = "active" | "suspended" | "revoked";

export type Citizen = {
  id: string;
  documentType: DocumentType;
  /** Normalised (identity/documents.ts). */
  documentNumber: string;
  contrastKind: ContrastKind;
  contrastValue: string;
  givenName: string;
  familyName: string;
  /** Spanish second surname, when there is one. */
  secondFamilyName: string | null;
  /** ISO date. */
  birthDate: string;
  /** E.164. */
  mobile: string | null;
  email: string | null;
  registrationLevel: RegistrationLevel;
  status: CitizenStatus;
  /**
   * The language of the citizen's last completed login (a supported locale), in which SMS and
   * e-mail texts reach them; null before their first login.
   */
  locale: string | null;
  createdAt: number;
  updatedAt: number;
};

export type NewCitizen = Omit<Citizen, "id" | "status" | "locale" | "createdAt" | "updatedAt"> & {
  id?: string;
  status?: CitizenStatus;
  locale?: string | null;
};

export class DuplicateCitizenError extends Error {
  override name = "DuplicateCitizenError";
}

export interface AccountStore {
  /** The citizen registered with this (normalised) document, if any. */
  findByDocument(type: DocumentType, number: string): Promise<Citizen | null>;
  findById(id: string): Promise<Citizen | null>;
  /**
   * Registers a citizen and writes the `citizen.registered` audit event in the same atomic
   * batch. Throws DuplicateCitizenError when the document is already registered.
   */
  register(citizen: NewCitizen, audit: AuditContext): Promise<Citizen>;
  /**
   * Changes a citizen's status or registration level, writing `event` (the audit entry, which
   * names who and why) in the same atomic batch. Answers the citizen as it now is, or null
   * when there is no such citizen. The caller decides whether the change is allowed.
   */
  changeStanding(
    id: string,
    change: StandingChange,
    event: AuditContext & {
      event: "citizen.suspended" | "citizen.reinstated" | "citizen.level_changed";
      detail: Record<string, string | number | boolean | null>;
    },
  ): Promise<Citizen | null>;
  /** Remembers the language the citizen last logged in with (no-op when unchanged). */
  setLocale(id: string, locale: string): Promise<void>;
}

/** What `changeStanding` may change: the two facts every token and session is checked against. */
export type StandingChange = { status?: CitizenStatus; registrationLevel?: RegistrationLevel };

/** Who caused an event and from where; stored with every audit entry. */
export type AuditContext = {
  actor: "citizen" | "operator" | "system" | "anonymous";
  loginId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};
