import path from "node:path";
import { PROJECT_ROOT, TSX_BIN, freePort, spawnService, waitForStatus, type Env, type Service } from "./process";

/** Rate limits high enough that set-up traffic from one IP is never refused. */
const GENEROUS_LIMITS = {
  RATE_LIMIT_SIGNUP_PER_IP: "100000/60",
  RATE_LIMIT_SIGNUP_PER_EMAIL: "100000/60",
  RATE_LIMIT_LOGIN_PER_IP: "100000/60",
  RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: "100000/60",
  RATE_LIMIT_LOGIN_SLOWDOWN: "100000/60",
};

/** This process's environment without the settings a bench chooses itself. */
export function serverEnv(overrides: Record<string, string>): Env {
  const env: Env = { ...process.env };
  for (const key of ["DATABASE_URL", "DATA_DIR", "PORT", "HOST", "NODE_ENV"]) delete env[key];
  return { ...env, ...GENEROUS_LIMITS, NODE_ENV: "production", ...overrides };
}

export interface RunningServer {
  service: Service;
  baseUrl: string;
  /** performance.now() when `GET /` first answered 200. */
  readyAt: number;
}

/**
 * Starts `tsx server/main.ts` with `cwd` as its working directory (the server loads ./build
 * from there) and waits for the first 200 on `GET /`.
 */
export async function startThicket(cwd: string, env: Record<string, string>, intervalMs = 20): Promise<RunningServer> {
  const port = await freePort();
  const service = spawnService({
    name: "thicket",
    command: TSX_BIN,
    args: ["--tsconfig", path.join(PROJECT_ROOT, "tsconfig.json"), path.join(PROJECT_ROOT, "server/main.ts")],
    env: serverEnv({ ...env, PORT: String(port) }),
    cwd,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const readyAt = await waitForStatus(service, `${baseUrl}/`, { intervalMs });
  return { service, baseUrl, readyAt };
}

/** The pattern of the line server/main.ts prints once it is listening. */
export const LISTENING_LINE = /Thicket is running at/;
