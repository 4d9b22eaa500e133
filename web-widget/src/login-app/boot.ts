/**
 * What the worker gives the login app when it renders `/login/{loginId}`: a JSON document in
 * `<script type="application/json" id="llave-boot">`, read once at start. It carries the one
 * catalog of the chosen language, so no other language is ever downloaded.
 */
import type { Catalog, Locale } from "../i18n/catalog.ts";

export type Level = "low" | "substantial" | "high";
/** What the agency receives, as the header lists it: the identifier, then per scope. */
export const SCOPE_RELEASES = ["profile", "email", "phone", "document", "offline_access"] as const;
export type Release = "sub" | (typeof SCOPE_RELEASES)[number];
export type MethodId = "pin" | "password" | "mobile";

export type LoginStep =
  | { kind: "started" }
  | { kind: "pin_sent"; channel: "app" | "sms"; sentAt: number }
  /** Password correct but expired: the citizen must choose a new one now. */
  | { kind: "change_required" }
  /**
   * Waiting for the SMS step-up code: after the password, or a `low` session that needs
   * `substantial`; otp null = not sent yet (show "Send code").
   */
  | { kind: "second_factor"; otp: { sentAt: number } | null; mobileHint: string | null }
  /** Activation: the SMS code was (maybe) sent; enter it. */
  | { kind: "activation_otp"; sentAt: number }
  /** Activation: code verified, choose the password. */
  | { kind: "choose_password" }
  /** Mobile (docs/mobile.md): a QR is shown or a push request went out; the app has not answered. */
  | { kind: "mobile_waiting"; mode: "qr" | "push" }
  /** Mobile: the app ended the login (declined, "not me", a wrong number); only cancel is left. */
  | { kind: "mobile_ended"; reason: "declined" | "not_me" | "wrong_number" }
  | { kind: "authenticated" };

/** The permanent password's rules as the live feedback needs them (docs/password.md). */
export type PasswordBoot = {
  policy: { preset: "nist" | "clave"; minLength: number; maxLength: number };
  otpLength: number;
  otpTtlSeconds: number;
  resendAfterSeconds: number;
  validityDays: number;
};

/** The mobile method's timings (docs/mobile.md): an approval's life, a QR frame's. */
export type MobileBoot = { approvalTtlSeconds: number; qrMaxAgeSeconds: number };

export type Boot = {
  /** The administration's time zone (worker config TIME_ZONE): times are shown in it, named. */
  timeZone: string;
  loginId: string;
  locale: Locale;
  messages: Catalog;
  agency: string;
  level: Level;
  releases: Release[];
  /** The methods the client allows that can reach the level, in the order to offer them. */
  methods: MethodId[];
  loginHint: string | null;
  /** Set when the page runs inside `<llave-login>`: the origin of the embedding page. */
  frameOrigin: string | null;
  /** Milliseconds since the epoch (server clock, with `serverNow` to correct for skew). */
  expiresAt: number;
  serverNow: number;
  loginTtlMinutes: number;
  pin: {
    length: number;
    ttlSeconds: number;
    resendAfterSeconds: number;
    smsAfterSeconds: number;
    /** What a PIN proves by each channel (config LOA_PIN_*): an SMS PIN may not reach `level`. */
    levels: { app: Level; sms: Level };
  };
  /**
   * The highest level a basic registration reaches (config LOA_CAP_BASIC): above it, the page
   * tells the citizen before any secret is sent that a basic registration cannot log in here.
   */
  basicRegistrationCap: Level;
  password: PasswordBoot;
  mobile: MobileBoot;
  step: LoginStep;
};

export const BOOT_ELEMENT_ID = "llave-boot";

const LEVEL_ORDER: Record<Level, number> = { low: 1, substantial: 2, high: 3 };

/** True when `level` is at least `required` (the worker's meetsLevel, for the page). */
export const reaches = (level: Level, required: Level): boolean =>
  LEVEL_ORDER[level] >= LEVEL_ORDER[required];
