import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/lib/env.server";
import { tileOrigin } from "../../server/security-headers";

describe("loadConfig", () => {
  it("runs on the embedded database with safe defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dataDir: expect.stringMatching(/\.data$/) });
    expect(config.cookieSecure).toBe(false);
    expect(config.rateLimits.loginPerAccountIp).toEqual({ points: 10, durationSec: 600 });
    expect(config.rateLimits.loginSlowdown).toEqual({ points: 5, durationSec: 900 });
  });

  it("uses the Postgres server when DATABASE_URL is set, and secure cookies in production", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u@db:5432/thicket", NODE_ENV: "production" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u@db:5432/thicket" });
    expect(config.cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
  });

  it("has map tiles from OpenStreetMap unless told otherwise, and none when told so", () => {
    expect(loadConfig({}).mapTileUrl).toBe("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    expect(loadConfig({ MAP_TILE_URL: "none" }).mapTileUrl).toBeNull();
    expect(tileOrigin("https://{s}.tiles.example/{z}/{x}/{y}.png")).toBe("https://*.tiles.example");
  });

  it("treats empty values as unset, as in a copied .env.example", () => {
    expect(loadConfig({ DATABASE_URL: "", COOKIE_SECURE: "", PORT: "" }).database.kind).toBe("pglite");
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ RATE_LIMIT_LOGIN_PER_IP: "lots" }, "RATE_LIMIT_LOGIN_PER_IP"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ MAP_TILE_URL: "https://tiles.example/{z}.png" }, "MAP_TILE_URL"],
  ])("stops with a message naming the bad variable: %j", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });
});
