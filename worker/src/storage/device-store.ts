/**
 * DeviceStore: the port for citizen-app devices in the accounts database (methods/mobile/).
 * A device is a public key and its thumbprint; every app request names its device by the
 * thumbprint of the key that signed it. Writes go in one atomic batch with their audit events.
 *
 * A device's sealed TOTP seed is written with it and read back only by `totpSecrets`: a
 * `Device` never carries it, so no view of a device can leak it. The digest of its cancel link
 * (docs/mobile.md "Binding a new device") is likewise only ever matched, never read.
 */
import type { AuditEvent } from "./audit-log.ts";

export type PublicJwk = { kty: "EC"; crv: "P-256"; x: string; y: string };

export type Device = {
  id: string;
  citizenId: string;
  name: string;
  /** RFC 7638 thumbprint (SHA-256, base64url) of `publicKey`. */
  thumbprint: string;
  publicKey: PublicJwk;
  status: "active" | "revoked";
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  revokedReason: string | null;
  /**
   * Until this time the device asserts at most `low` (methods/mobile/device-level.ts): it was
   * bound with SMS possession alone. Its activation time for a device bound at its full level.
   */
  waitEndsAt: number;
};

export type NewDevice = Pick<
  Device,
  "id" | "citizenId" | "name" | "thumbprint" | "publicKey" | "waitEndsAt"
> & {
  createdAt: number;
  /** The sealed seed of the device's step-up codes (methods/password/totp.ts). */
  totpSecret: string | null;
  /** SHA-256 (base64url) of the single-use link that cancels the device; null for none. */
  cancelDigest: string | null;
};

/** A sealed TOTP seed, the device it belongs to and the end of that device's binding wait. */
export type SealedTotp = { deviceId: string; sealed: string; waitEndsAt: number };

export type RevokeReason = "replaced" | "citizen" | "operator" | "cancelled";

export interface DeviceStore {
  /**
   * Registers an active device and revokes the citizen's oldest active devices beyond
   * `maxActive`, with `audit` and a `mobile.device_revoked` event per revoked device, in one
   * batch. Null (nothing written) when the key is already registered.
   */
  register(
    device: NewDevice,
    options: { maxActive: number; audit: AuditEvent[] },
  ): Promise<{ device: Device; revoked: Device[] } | null>;
  /** The sealed TOTP seeds of the citizen's active devices (those that have one). */
  totpSecrets(citizenId: string): Promise<SealedTotp[]>;
  /** The device a key thumbprint names, active or not. */
  byThumbprint(thumbprint: string): Promise<Device | null>;
  /** The citizen's devices, newest first. */
  list(citizenId: string): Promise<Device[]>;
  /** Renames one of the citizen's devices; null when it is not theirs. */
  rename(citizenId: string, id: string, name: string, audit: AuditEvent[]): Promise<Device | null>;
  /** Revokes one of the citizen's active devices; null when there is no such active device. */
  revoke(
    citizenId: string,
    id: string,
    input: { now: number; reason: RevokeReason; audit: AuditEvent[] },
  ): Promise<Device | null>;
  /** The active device whose cancel link has this digest (not yet used), or null. */
  byCancelDigest(digest: string): Promise<Device | null>;
  /**
   * Revokes the active device whose cancel link has this digest (reason `cancelled`) and
   * forgets the digest, with `audit`, in one batch: a link works once. Null when no active
   * device has it (used, revoked, or never issued).
   */
  cancel(digest: string, input: { now: number; audit: AuditEvent[] }): Promise<Device | null>;
  /** Records a use, at most once a minute per device (a write per request would be waste). */
  touch(id: string, now: number): Promise<void>;
}
