import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirInUseError, LOCK_FILE, lockDataDir } from "../../db/data-dir-lock";

/** The lock's decisions that need no second process (those are in the integration test). */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dir() {
  const d = mkdtempSync(path.join(tmpdir(), "thicket-lock-unit-"));
  dirs.push(d);
  return d;
}
const lockIn = (d: string) => path.join(d, LOCK_FILE);
const refusal = (d: string) => {
  try {
    lockDataDir(d).release();
  } catch (err) {
    if (err instanceof DataDirInUseError) return err.message;
    throw err;
  }
  throw new Error("the lock was taken");
};

describe("the data directory lock", () => {
  it("records who holds it and where it serves, and is refused to a second opener in the same process", () => {
    const d = dir();
    const lock = lockDataDir(d);
    lock.setUrl("http://localhost:4321");
    expect(JSON.parse(readFileSync(lockIn(d), "utf8"))).toMatchObject({ pid: process.pid, hostname: hostname(), url: "http://localhost:4321" });
    expect(refusal(d)).toContain(`is in use by Thicket (pid ${process.pid}`);
    lock.release();
    expect(existsSync(lockIn(d))).toBe(false);
  });

  it("never takes over a lock written on another host, and says how to remove it", () => {
    const d = dir();
    writeFileSync(lockIn(d), JSON.stringify({ pid: 1, hostname: "old-container", startedAt: new Date().toISOString(), command: "npm start" }));
    const message = refusal(d);
    expect(message).toContain("(pid 1, on host old-container, `npm start`, not serving yet, started");
    expect(message).toContain(`If no Thicket runs on old-container any more (a replaced container, say), delete ${lockIn(d)}`);
  });

  it("waits out an unreadable lock being written, and takes over one left unreadable by a crash", () => {
    const d = dir();
    writeFileSync(lockIn(d), "");
    expect(refusal(d)).toContain("is in use by another Thicket process that is starting");
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockIn(d), minuteAgo, minuteAgo);
    const notices: string[] = [];
    const lock = lockDataDir(d, { notice: (line) => notices.push(line) });
    expect(notices).toEqual([expect.stringContaining("is unreadable and 60 s old")]);
    lock.release();
  });

  it("leaves alone a lock that is no longer its own when released", () => {
    const d = dir();
    const lock = lockDataDir(d);
    const other = JSON.stringify({ pid: process.pid + 1, hostname: "elsewhere", startedAt: new Date().toISOString() });
    writeFileSync(lockIn(d), other);
    lock.release();
    expect(readFileSync(lockIn(d), "utf8")).toBe(other);
  });
});
