/**
 * The animated QR (BRIEF.md "Mobile", as Sweden's BankID does it): each second the login page
 * shows `llave.<token>.<seconds>.<hmac>`, where `token` names the login, `seconds` counts from
 * the QR's start and `hmac` is HMAC-SHA256 of the decimal seconds under a per-login secret that
 * never leaves the server. A photo of the screen is worth a few seconds, not five minutes.
 *
 * Synchronous (noble's HMAC), so the LoginObject checks a frame and marks the QR used in one
 * step, with nothing awaited in between.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { constantTimeEqual } from "../../crypto/constant-time.ts";

const PAYLOAD = /^llave\.([0-9a-f]{64})\.([0-9]{1,5})\.([0-9a-f]{64})$/;

export type QrFrame = { token: string; seconds: number; mac: string };

/** The MAC of one frame, in lower-case hex. `secret` is 64 hex characters. */
export const frameMac = (secret: string, seconds: number): string =>
  bytesToHex(hmac(sha256, hexToBytes(secret), utf8ToBytes(String(seconds))));

/** The payload the page shows `seconds` after the QR started. */
export const qrPayload = (token: string, secret: string, seconds: number): string =>
  `llave.${token}.${seconds}.${frameMac(secret, seconds)}`;

/** Splits a scanned payload; null for anything that is not a Llave QR. */
export function parseQrPayload(payload: string): QrFrame | null {
  const match = PAYLOAD.exec(payload.trim());
  if (!match) return null;
  const [, token, seconds, mac] = match;
  if (token === undefined || seconds === undefined || mac === undefined) return null;
  return { token, seconds: Number(seconds), mac };
}

/** Whole seconds since the QR started: the frame the page shows now. */
export const elapsedSeconds = (startedAt: number, now: number): number =>
  Math.max(0, Math.floor((now - startedAt) / 1000));

export type FrameCheck = "ok" | "invalid" | "stale";

/**
 * Checks a frame's MAC and age. A frame is fresh while the page showed it at most
 * `maxAgeSeconds` ago; a frame from the future (beyond one second of clock rounding) is forged.
 */
export function checkFrame(
  frame: QrFrame,
  secret: string,
  startedAt: number,
  now: number,
  maxAgeSeconds: number,
): FrameCheck {
  if (!constantTimeEqual(frame.mac, frameMac(secret, frame.seconds))) return "invalid";
  const elapsed = elapsedSeconds(startedAt, now);
  if (frame.seconds > elapsed + 1) return "invalid";
  return elapsed - frame.seconds > maxAgeSeconds ? "stale" : "ok";
}
