/**
 * Configuration: the worker's environment parsed once into a typed, documented `Config`.
 *
 * This is the only module that reads `env` vars. Every option has a default that follows
 * BRIEF.md and SECURITY.md; docs/configuration.md lists them for operators. A bad value fails
 * fast at the first request with a message naming the variable, rather than surfacing later
 * as an odd limit.
 */
import * as z from "zod";
import type { AssuranceLevel } from "./assurance/levels.ts";
import type { FailurePolicy } from "./methods/pin/pin-challenge.ts";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const flag = z
  .enum(["true", "false", "1", "0", ""])
  .default("false")
  .transform((v) => v === "true" || v === "1");
const level = z.enum(["low", "substantial", "high"]);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  /** Public origin of this provider, without a trailing slash. */
  ISSUER: z.url().transform((u) => u.replace(/\/+$/, "")),
  /** Enables /dev/* (outbox) and relaxes nothing else. Must be false in production. */
  DEV_MODE: flag,
  /** Key for the HMAC under which PINs are stored (base64url, ≥ 32 bytes). */
  PIN_PEPPER: z.string().min(43, "PIN_PEPPER must be at least 32 random bytes in base64url"),

  /**
   * Key of the permanent-password hashes (Argon2id's secret input), of activation-code digests
   * and, through HKDF ("llave-totp"), of the sealed seeds of the app's step-up codes (base64url,
   * ≥ 32 bytes). Kept outside the database: a stolen database alone cannot be attacked offline
   * nor opened. Rotating it invalidates every password, activation code and step-up seed.
   */
  PASSWORD_PEPPER: z
    .string()
    .min(43, "PASSWORD_PEPPER must be at least 32 random bytes in base64url"),

  /** Digits in a PIN (≥ 6: SECURITY.md asks for at least 6 characters of entropy-equivalent). */
  PIN_LENGTH: z.coerce.number().int().min(6).max(12).default(6),
  /** A PIN is accepted for this long after it was issued. */
  PIN_TTL_SECONDS: seconds(600),
  /** Wrong entries allowed per PIN before it is dead. */
  PIN_MAX_TRIES: count(5),
  /** Minimum time between two "Get PIN" on one login transaction. */
  PIN_RESEND_COOLDOWN_SECONDS: seconds(30),
  /** After an app PIN, an SMS may be asked for once this much time has passed. */
  PIN_SMS_FALLBACK_AFTER_SECONDS: seconds(60),
  /** PINs one login transaction may request in all. */
  PIN_MAX_REQUESTS_PER_LOGIN: count(5),
  /** PINs sent to one citizen per rolling hour (SMS and app together). */
  PIN_MAX_SENDS_PER_HOUR: count(10),

  /** Account-wide consecutive failures before back-off starts. */
  FAILURE_BACKOFF_AFTER: count(10),
  /** First back-off delay; it doubles with every further failure. */
  FAILURE_BACKOFF_BASE_SECONDS: seconds(30),
  /** Longest back-off delay. */
  FAILURE_BACKOFF_MAX_SECONDS: seconds(3600),
  /**
   * Consecutive failures at which PINs, SMS and app codes and passwords stop being checked
   * for the citizen, until FAILURE_DECAY_SECONDS pass without a failure, a success with the
   * Llave app, or an operator's unlock.
   */
  FAILURE_HARD_STOP: z.coerce.number().int().min(1).max(100).default(100),
  /**
   * Every full period without a failure forgives one consecutive failure: a hard stop lifts
   * this long after the last failure, and old mistakes stop counting towards the back-off.
   */
  FAILURE_DECAY_SECONDS: seconds(86_400),

  /** Password rules: `nist` (NIST SP 800-63B) or `clave` (Cl@ve's published rule). */
  PASSWORD_POLICY: z.enum(["nist", "clave"]).default("nist"),
  /** A password must be changed this long after it was set. */
  PASSWORD_VALIDITY_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Consecutive wrong passwords after which the password pauses (PASSWORD_PAUSE_*). */
  PASSWORD_MAX_FAILURES: z.coerce.number().int().min(1).max(20).default(5),
  /** The first pause of a password; it doubles with every further wrong password. */
  PASSWORD_PAUSE_SECONDS: seconds(900),
  /** The longest pause of a password. */
  PASSWORD_PAUSE_MAX_SECONDS: seconds(86_400),
  /** Argon2id memory (KiB), passes and lanes for new hashes (OWASP: 19 MiB, 2, 1). */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).max(65536).default(19456),
  ARGON2_PASSES: z.coerce.number().int().min(1).max(10).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(4).default(1),
  /** Hashes one isolate runs at once, and how many more may wait (memory bound). */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(4).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(64).default(8),
  /** Password attempts one IP address may make per minute (checked before hashing). */
  PASSWORD_ATTEMPTS_PER_IP_MINUTE: count(30),
  /** An activation code is valid this long after it was issued. */
  ACTIVATION_CODE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** Wrong entries that block an activation code. */
  ACTIVATION_CODE_MAX_TRIES: count(5),
  /**
   * Digits of the SMS one-time code (step-up and activation). Its lifetime, tries and send
   * limits are the PIN's: it is the same kind of one-time secret, held by the same machine.
   */
  OTP_LENGTH: z.coerce.number().int().min(6).max(10).default(6),

  /** Lifetime of a login transaction (from creation to authentication). */
  LOGIN_TTL_SECONDS: seconds(900),

  /**
   * The administration's time zone (IANA): every time a citizen reads — SMS and e-mail, Llave's
   * pages, the login page, the citizen app, the dev outbox — is in it, and names it.
   */
  TIME_ZONE: z
    .string()
    .default("Europe/Madrid")
    .refine(isTimeZone, "TIME_ZONE must be an IANA time zone, e.g. Europe/Madrid"),

  /** Active citizen-app devices per citizen; activating one more revokes the oldest. */
  MOBILE_MAX_DEVICES: z.coerce.number().int().min(1).max(10).default(1),
  /** A QR login or push request waits this long for the app's answer (the page's timer). */
  MOBILE_APPROVAL_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(300),
  /** A scanned QR frame is accepted this many seconds after the page showed it, no later. */
  MOBILE_QR_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(30).default(5),
  /** Push requests one citizen may receive per rolling hour. */
  MOBILE_PUSHES_PER_HOUR: count(5),
  /** Consecutive pushes left unanswered or reported ("not me") that pause pushes… */
  MOBILE_PUSH_UNANSWERED_LIMIT: count(3),
  /** …for this long (QR login still works: it needs the browser in front of the citizen). */
  MOBILE_PUSH_PAUSE_SECONDS: seconds(3600),
  /** A DPoP nonce the server handed out is accepted for this long. */
  MOBILE_NONCE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /** App activations one IP address may start per hour. */
  MOBILE_ACTIVATIONS_PER_IP_HOUR: count(10),
  /**
   * A device activated with SMS possession alone asserts at most `low` for this long after its
   * activation, while every contact is told and can cancel it (NIST SP 800-63B rev 4 on binding
   * an additional authenticator; docs/mobile.md "Binding a new device"). SMS possession alone
   * never yields substantial at once: 0 (no wait) is refused unless DEV_MODE is on.
   */
  MOBILE_BINDING_WAIT_HOURS: z.coerce.number().int().min(0).max(720).default(24),

  /**
   * Level each PIN channel proves (BRIEF.md "Levels of assurance"). A personal code adds
   * nothing: it is chosen on the spot by whoever asks for the PIN, so a personalised PIN is at
   * its channel's level (there is no LOA_PIN_PERSONALISED).
   */
  LOA_PIN_SMS: level.default("low"),
  LOA_PIN_APP: level.default("substantial"),
  LOA_PASSWORD: level.default("low"),
  LOA_PASSWORD_OTP: level.default("substantial"),
  /** Level an approval in the citizen app (device key and number matching) proves. */
  LOA_MOBILE: level.default("substantial"),
  /** Highest level each registration level allows. */
  LOA_CAP_BASIC: level.default("low"),
  LOA_CAP_ADVANCED: level.default("high"),

  /** Signing keys: a private JWK set (`{"keys":[…]}`), each key with `kid` and `alg`. */
  SIGNING_KEYS: z.string().min(2, "SIGNING_KEYS must be a private JWK set"),
  /**
   * The `kid`s that sign, at most one per algorithm (comma-separated). Every other key in
   * SIGNING_KEYS is only published, so that the previous and the next key verify too.
   */
  SIGNING_KEY_ACTIVE: z.string().min(1, "SIGNING_KEY_ACTIVE names the signing kid(s)"),
  /** Key for pairwise subject identifiers (base64url, ≥ 32 bytes). Never rotate it. */
  SUBJECT_SALT: z.string().min(43, "SUBJECT_SALT must be at least 32 random bytes in base64url"),
  /** Bearer token of the admin API (≥ 32 bytes). Without it the admin API answers 404. */
  ADMIN_TOKEN: z.string().min(32, "ADMIN_TOKEN must be at least 32 characters").optional(),

  /** Single sign-on session: ends after this long without use… */
  SESSION_IDLE_SECONDS: seconds(1800),
  /** …and this long after the login, whatever the use. */
  SESSION_MAX_SECONDS: seconds(43_200),
  /** Seconds an isolate trusts a client record it read (0: read it on every request). */
  CLIENT_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Authorization codes live at most this long (≤ 60 s). */
  CODE_TTL_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
  /**
   * private_key_jwt assertions may expire at most this long after they reach Llave (RFC 7523
   * sets no maximum). Default 3600: what Authlib and several other libraries sign.
   */
  CLIENT_ASSERTION_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3600),

  /** Remote libSQL (Turso) database. Without it the LIBSQL_BRIDGE binding must exist. */
  LIBSQL_URL: z.string().optional(),
  LIBSQL_AUTH_TOKEN: z.string().optional(),

  /** Delivery gateways (JSON over HTTPS, bearer token). Unset channels cannot deliver. */
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  EMAIL_GATEWAY_URL: z.url().optional(),
  EMAIL_GATEWAY_TOKEN: z.string().optional(),
  PUSH_GATEWAY_URL: z.url().optional(),
  PUSH_GATEWAY_TOKEN: z.string().optional(),
});

/** Every variable the worker reads, for tooling that passes settings through (npm run dev). */
export const CONFIG_KEYS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

export type Config = {
  issuer: string;
  devMode: boolean;
  /** IANA zone of every time shown to citizens (TIME_ZONE). */
  timeZone: string;
  pinPepper: string;
  pin: {
    length: number;
    ttlMs: number;
    maxTries: number;
    resendCooldownMs: number;
    smsFallbackAfterMs: number;
    maxRequestsPerLogin: number;
    maxSendsPerHour: number;
  };
  failures: FailurePolicy;
  password: {
    pepper: string;
    policy: "nist" | "clave";
    validityMs: number;
    maxFailures: number;
    pauseMs: number;
    pauseMaxMs: number;
    argon2: { m: number; t: number; p: number };
    hashConcurrency: number;
    hashQueue: number;
    attemptsPerIpMinute: number;
    activationCodeTtlMs: number;
    activationCodeMaxTries: number;
    otpLength: number;
  };
  loginTtlMs: number;
  mobile: {
    maxDevices: number;
    approvalTtlMs: number;
    qrMaxAgeSeconds: number;
    pushesPerHour: number;
    pushUnansweredLimit: number;
    pushPauseMs: number;
    nonceTtlMs: number;
    activationsPerIpHour: number;
    bindingWaitMs: number;
  };
  signingKeys: { jwks: string; active: string[] };
  subjectSalt: string;
  adminToken: string | undefined;
  session: { idleMs: number; maxMs: number };
  codeTtlMs: number;
  clientCacheMs: number;
  clientAssertionMaxLifetimeS: number;
  assurance: {
    pinSms: AssuranceLevel;
    pinApp: AssuranceLevel;
    password: AssuranceLevel;
    passwordOtp: AssuranceLevel;
    mobile: AssuranceLevel;
    capBasic: AssuranceLevel;
    capAdvanced: AssuranceLevel;
  };
  libsql: { url: string; authToken: string | undefined } | undefined;
  gateways: {
    sms: Gateway | undefined;
    email: Gateway | undefined;
    push: Gateway | undefined;
  };
};

export type Gateway = { url: string; token: string | undefined };

export class ConfigError extends Error {
  override name = "ConfigError";
}

const DAY_MS = 86_400_000;
/** 64 MiB: half of a Workers isolate's memory for concurrent password hashes at most. */
const MAX_HASH_MEMORY_KIB = 65_536;

const gateway = (url: string | undefined, token: string | undefined): Gateway | undefined =>
  url === undefined ? undefined : { url, token };

/**
 * Parses the worker environment into a `Config`.
 *
 * @example
 * const config = parseConfig({ ISSUER: "https://llave.example", PIN_PEPPER: "…" });
 * config.pin.ttlMs; // 600000
 */
export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new ConfigError(`Invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  // Each running hash holds its memory cost: together they must leave the isolate's 128 MB
  // room for everything else.
  if (e.PASSWORD_HASH_CONCURRENCY * e.ARGON2_MEMORY_KIB > MAX_HASH_MEMORY_KIB) {
    throw new ConfigError(
      `Invalid configuration: PASSWORD_HASH_CONCURRENCY × ARGON2_MEMORY_KIB must be at most ${MAX_HASH_MEMORY_KIB} KiB`,
    );
  }
  if (e.MOBILE_BINDING_WAIT_HOURS === 0 && !e.DEV_MODE) {
    throw new ConfigError(
      "Invalid configuration: MOBILE_BINDING_WAIT_HOURS may be 0 only with DEV_MODE (SMS possession alone never yields substantial at once)",
    );
  }
  return {
    issuer: e.ISSUER,
    devMode: e.DEV_MODE,
    pinPepper: e.PIN_PEPPER,
    pin: {
      length: e.PIN_LENGTH,
      ttlMs: e.PIN_TTL_SECONDS * 1000,
      maxTries: e.PIN_MAX_TRIES,
      resendCooldownMs: e.PIN_RESEND_COOLDOWN_SECONDS * 1000,
      smsFallbackAfterMs: e.PIN_SMS_FALLBACK_AFTER_SECONDS * 1000,
      maxRequestsPerLogin: e.PIN_MAX_REQUESTS_PER_LOGIN,
      maxSendsPerHour: e.PIN_MAX_SENDS_PER_HOUR,
    },
    failures: {
      backoffAfter: e.FAILURE_BACKOFF_AFTER,
      backoffBaseMs: e.FAILURE_BACKOFF_BASE_SECONDS * 1000,
      backoffMaxMs: e.FAILURE_BACKOFF_MAX_SECONDS * 1000,
      hardStop: e.FAILURE_HARD_STOP,
      decayMs: e.FAILURE_DECAY_SECONDS * 1000,
    },
    password: {
      pepper: e.PASSWORD_PEPPER,
      policy: e.PASSWORD_POLICY,
      validityMs: e.PASSWORD_VALIDITY_DAYS * DAY_MS,
      maxFailures: e.PASSWORD_MAX_FAILURES,
      pauseMs: e.PASSWORD_PAUSE_SECONDS * 1000,
      pauseMaxMs: e.PASSWORD_PAUSE_MAX_SECONDS * 1000,
      argon2: { m: e.ARGON2_MEMORY_KIB, t: e.ARGON2_PASSES, p: e.ARGON2_PARALLELISM },
      hashConcurrency: e.PASSWORD_HASH_CONCURRENCY,
      hashQueue: e.PASSWORD_HASH_QUEUE,
      attemptsPerIpMinute: e.PASSWORD_ATTEMPTS_PER_IP_MINUTE,
      activationCodeTtlMs: e.ACTIVATION_CODE_TTL_DAYS * DAY_MS,
      activationCodeMaxTries: e.ACTIVATION_CODE_MAX_TRIES,
      otpLength: e.OTP_LENGTH,
    },
    loginTtlMs: e.LOGIN_TTL_SECONDS * 1000,
    timeZone: e.TIME_ZONE,
    mobile: {
      maxDevices: e.MOBILE_MAX_DEVICES,
      approvalTtlMs: e.MOBILE_APPROVAL_TTL_SECONDS * 1000,
      qrMaxAgeSeconds: e.MOBILE_QR_MAX_AGE_SECONDS,
      pushesPerHour: e.MOBILE_PUSHES_PER_HOUR,
      pushUnansweredLimit: e.MOBILE_PUSH_UNANSWERED_LIMIT,
      pushPauseMs: e.MOBILE_PUSH_PAUSE_SECONDS * 1000,
      nonceTtlMs: e.MOBILE_NONCE_TTL_SECONDS * 1000,
      activationsPerIpHour: e.MOBILE_ACTIVATIONS_PER_IP_HOUR,
      bindingWaitMs: e.MOBILE_BINDING_WAIT_HOURS * 3_600_000,
    },
    signingKeys: {
      jwks: e.SIGNING_KEYS,
      active: e.SIGNING_KEY_ACTIVE.split(",").map((kid) => kid.trim()),
    },
    subjectSalt: e.SUBJECT_SALT,
    adminToken: e.ADMIN_TOKEN,
    session: { idleMs: e.SESSION_IDLE_SECONDS * 1000, maxMs: e.SESSION_MAX_SECONDS * 1000 },
    codeTtlMs: e.CODE_TTL_SECONDS * 1000,
    clientCacheMs: e.CLIENT_CACHE_SECONDS * 1000,
    clientAssertionMaxLifetimeS: e.CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
    assurance: {
      pinSms: e.LOA_PIN_SMS,
      pinApp: e.LOA_PIN_APP,
      password: e.LOA_PASSWORD,
      passwordOtp: e.LOA_PASSWORD_OTP,
      mobile: e.LOA_MOBILE,
      capBasic: e.LOA_CAP_BASIC,
      capAdvanced: e.LOA_CAP_ADVANCED,
    },
    libsql: e.LIBSQL_URL ? { url: e.LIBSQL_URL, authToken: e.LIBSQL_AUTH_TOKEN } : undefined,
    gateways: {
      sms: gateway(e.SMS_GATEWAY_URL, e.SMS_GATEWAY_TOKEN),
      email: gateway(e.EMAIL_GATEWAY_URL, e.EMAIL_GATEWAY_TOKEN),
      push: gateway(e.PUSH_GATEWAY_URL, e.PUSH_GATEWAY_TOKEN),
    },
  };
}

const cache = new WeakMap<object, Config>();

/** `parseConfig`, memoised per env object so each isolate parses once. */
export function configFrom(env: object): Config {
  let config = cache.get(env);
  if (!config) {
    config = parseConfig(env as Record<string, unknown>);
    cache.set(env, config);
  }
  return config;
}
