import path from "node:path";
import { z } from "zod";

/** "points/seconds", e.g. "10/600" = ten attempts per ten minutes. */
const rateLimit = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected "points/seconds", for example "10/600"')
  .transform((value) => {
    const [points, seconds] = value.split("/").map(Number) as [number, number];
    return { points, durationSec: seconds };
  });

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  BUILD_DIR: z.string().min(1).default("build"),
  SESSION_TTL_DAYS: z.coerce.number().positive().max(365).default(30),
  COOKIE_SECURE: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(16 * 1_048_576),
  MAX_DATASET_BYTES: z.coerce.number().int().positive().default(1_073_741_824),
  MAX_IMPORT_BYTES: z.coerce.number().int().positive().default(100 * 1_048_576),
  RATE_LIMIT_LOGIN_PER_IP: rateLimit.prefault("30/600"),
  RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: rateLimit.prefault("10/600"),
  RATE_LIMIT_LOGIN_SLOWDOWN: rateLimit.prefault("5/900"),
  RATE_LIMIT_PASSWORD_CHANGE: rateLimit.prefault("5/900"),
  RATE_LIMIT_SIGNUP_PER_IP: rateLimit.prefault("10/3600"),
  RATE_LIMIT_SIGNUP_PER_EMAIL: rateLimit.prefault("5/3600"),
  RATE_LIMIT_SUBMIT_PER_IP: rateLimit.prefault("20/600"),
  RATE_LIMIT_SUBMIT_PER_FORM: rateLimit.prefault("300/600"),
  MAP_TILE_URL: z
    .union([
      z.literal("none"),
      z
        .string()
        .regex(/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL with {z}, {x} and {y}, or "none"'),
    ])
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
});

export interface RateLimitRule {
  points: number;
  durationSec: number;
}

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | null };
  /** Where `npm run build` put the app (production mode serves it from here). */
  buildDir: string;
  sessionTtlDays: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  maxBodyBytes: number;
  /** Larger limit for creating documents (uploads, pasted transcripts). */
  maxUploadBytes: number;
  /** Largest CSV a dataset import accepts (streamed, never held in memory). */
  maxDatasetBytes: number;
  /** Largest REFI-QDA project (.qdpx) an import accepts; it is read whole (a zip's index is at its end). */
  maxImportBytes: number;
  rateLimits: {
    /** Failed logins from one address, whatever the account. */
    loginPerIp: RateLimitRule;
    /** Failed logins to one account from one address; a success there starts it afresh. */
    loginPerAccountIp: RateLimitRule;
    /**
     * Failed logins to one account from anywhere: past `points` of them in the window, every
     * attempt on it waits (bounded), but none is refused, so no stranger can lock the owner out.
     */
    loginSlowdown: RateLimitRule;
    /**
     * Password changes with a wrong current password, per session: only whoever holds that
     * session is slowed, so a stolen cookie cannot guess the password, and cannot stop the
     * owner changing it from their own sessions either.
     */
    passwordChange: RateLimitRule;
    signupPerIp: RateLimitRule;
    signupPerEmail: RateLimitRule;
    /** Public form submissions from one IP, across all forms. */
    submitPerIp: RateLimitRule;
    /** Submissions to one form from everyone: caps a flood spread over many addresses. */
    submitPerForm: RateLimitRule;
  };
  /**
   * Map tiles for the location picker on contribution forms ({z}/{x}/{y} template), or null
   * for no map (latitude and longitude are then typed, or taken from the device).
   */
  mapTileUrl: string | null;
}

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // An empty value (as in a copied .env.example) means "use the default".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "pglite", dataDir: path.resolve(e.DATA_DIR) },
    buildDir: path.resolve(e.BUILD_DIR),
    sessionTtlDays: e.SESSION_TTL_DAYS,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === "production",
    trustProxy: e.TRUST_PROXY,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxDatasetBytes: e.MAX_DATASET_BYTES,
    maxImportBytes: e.MAX_IMPORT_BYTES,
    rateLimits: {
      loginPerIp: e.RATE_LIMIT_LOGIN_PER_IP,
      loginPerAccountIp: e.RATE_LIMIT_LOGIN_PER_ACCOUNT_IP,
      loginSlowdown: e.RATE_LIMIT_LOGIN_SLOWDOWN,
      passwordChange: e.RATE_LIMIT_PASSWORD_CHANGE,
      signupPerIp: e.RATE_LIMIT_SIGNUP_PER_IP,
      signupPerEmail: e.RATE_LIMIT_SIGNUP_PER_EMAIL,
      submitPerIp: e.RATE_LIMIT_SUBMIT_PER_IP,
      submitPerForm: e.RATE_LIMIT_SUBMIT_PER_FORM,
    },
    mapTileUrl: e.MAP_TILE_URL === "none" ? null : e.MAP_TILE_URL,
  };
}
