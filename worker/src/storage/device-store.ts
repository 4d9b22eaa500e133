/**
 * DeviceStore: the port for citizen-app devices in the accounts database (methods/mobile/).
 * A device is a public key and its thumbprint; every app request names its device by the
 * thumbprint of the key that signed it. Writes go in one atomic batch with their audit events.
 *
 * A device's sealed TOTP seed is written with it and read back only by `totpSecrets`: a
 * `Device` never carries it, so no view of a device can leak it.
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
};

export type NewDevice = Pick<Device, "id" | "citizenId" | "name" | "thumbprint" | "publicKey"> & {
  createdAt: number;
  /** The sealed seed of the device's step-up codes (methods/password/totp.ts). */
  totpSecret: string | null;
};

/** A sealed TOTP seed and the device it belongs to. */
export type SealedTotp = { deviceId: string; sealed: string };

export type RevokeReason = "replaced" | "citizen" | "operator";

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
  /** Records a use, at most once a minute per device (a write per request would be waste). */
  touch(id: string, now: number): Promise<void>;
}
