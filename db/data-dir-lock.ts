/**
 * One process at a time owns an embedded (PGlite) data directory. PGlite has no locking of its
 * own: a second process that opens the directory works on its own copy in memory and its writes
 * are lost (or overwrite the first's). The owner keeps `thicket.lock` in the directory, created
 * with O_EXCL, saying who it is; see docs/decisions/0150-one-process-per-data-dir.md.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export const LOCK_FILE = "thicket.lock";

/** An unreadable lock this old is a process that died between creating and writing it. */
const UNREADABLE_STALE_MS = 10_000;

export interface LockOwner {
  pid: number;
  hostname: string;
  /** When it took the lock (ISO 8601). */
  startedAt: string;
  /** How it was started: `npm start`, `npm run demo`, `server/main.ts`. */
  command: string;
  /** Where it serves, once it listens. */
  url?: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Records where this process serves, for the message another process gets. */
  setUrl(url: string): void;
  /** Removes the lock if it is still this process's; safe to call more than once. */
  release(): void;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    /** null: the lock file could not be read. */
    readonly owner: LockOwner | null,
    readonly lockPath: string,
  ) {
    super(describeInUse(dataDir, owner, lockPath));
    this.name = "DataDirInUseError";
  }
}

/** `npm start`, `npm run demo`, or the script's path when not run through npm. */
function currentCommand(): string {
  const script = process.env.npm_lifecycle_event;
  // npx sets the event too ("npx"), with npm_command "exec".
  if (script && process.env.npm_command !== "exec") return script === "start" ? "npm start" : `npm run ${script}`;
  return path.relative(process.cwd(), process.argv[1] ?? "") || "node";
}

function displayDir(dataDir: string): string {
  const relative = path.relative(process.cwd(), dataDir);
  const shown = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dataDir;
  return shown.endsWith(path.sep) ? shown : shown + path.sep;
}

function displayTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

function describeInUse(dataDir: string, owner: LockOwner | null, lockPath: string): string {
  const dir = displayDir(dataDir);
  const several = "Stop it first, or point DATABASE_URL at Postgres to run several processes.";
  if (!owner) {
    return `The embedded database in ${dir} is in use by another Thicket process that is starting (its lock ${lockPath} is not written yet). ${several}`;
  }
  const details = [
    `pid ${owner.pid}`,
    owner.hostname !== hostname() ? `on host ${owner.hostname}` : null,
    owner.command ? `\`${owner.command}\`` : null,
    owner.url ? `serving ${owner.url}` : "not serving yet",
    `started ${displayTime(owner.startedAt)}`,
  ].filter(Boolean);
  const message = `The embedded database in ${dir} is in use by Thicket (${details.join(", ")}). ${several}`;
  if (owner.hostname === hostname()) return message;
  return `${message}\nIf no Thicket runs on ${owner.hostname} any more (a replaced container, say), delete ${lockPath} and start again.`;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== "number" || typeof value.hostname !== "string" || typeof value.startedAt !== "string") return null;
    return { pid: value.pid, hostname: value.hostname, startedAt: value.startedAt, command: String(value.command ?? ""), url: value.url };
  } catch {
    return null;
  }
}

type ReadResult = { state: "gone" } | { state: "unreadable"; ageMs: number } | { state: "owned"; owner: LockOwner };

function readLock(lockPath: string): ReadResult {
  try {
    const owner = parseOwner(readFileSync(lockPath, "utf8"));
    if (owner) return { state: "owned", owner };
    return { state: "unreadable", ageMs: Date.now() - statSync(lockPath).mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "gone" };
    throw err;
  }
}

const sameOwner = (a: LockOwner, b: LockOwner) => a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;

/**
 * A lock whose process is gone. Only decidable on the host that wrote it: a lock from another
 * host (a shared volume, a replaced container) is never taken over, the message says how to.
 */
function isStale(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (owner.pid === process.pid) return true; // an earlier life of this pid (a restarted container's pid 1)
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH"; // EPERM: alive, another user's
  }
}

/** Creates the lock with O_EXCL; false if it already exists. */
function tryCreate(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(owner, null, 2) + "\n");
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock aside and checks it is the one judged stale: if another process took the
 * lock over in between, its fresh lock is put back where it was.
 */
function removeStale(lockPath: string, stale: LockOwner | null): void {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  const moved = readLock(aside);
  const wasStale = moved.state === "owned" ? stale !== null && sameOwner(moved.owner, stale) : stale === null;
  if (wasStale) unlinkSync(aside);
  else renameSync(aside, lockPath);
}

/** Lock files this process holds, so opening a directory twice in one process is refused too. */
const held = new Map<string, LockOwner>();

/**
 * Takes the data directory's lock before PGlite opens it, or throws DataDirInUseError naming the
 * process that holds it. A lock left by a dead process on this host is taken over with a notice.
 */
export function lockDataDir(dataDir: string, opts: { notice?: (line: string) => void } = {}): DataDirLock {
  const notice = opts.notice ?? ((line: string) => console.warn(line));
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const mine = held.get(lockPath);
  if (mine) throw new DataDirInUseError(dataDir, mine, lockPath);

  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: currentCommand() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, owner)) return holdLock(lockPath, owner);
    const found = readLock(lockPath);
    if (found.state === "gone") continue;
    if (found.state === "unreadable") {
      if (found.ageMs < UNREADABLE_STALE_MS) throw new DataDirInUseError(dataDir, null, lockPath);
      notice(`Taking over ${lockPath}: it is unreadable and ${Math.round(found.ageMs / 1000)} s old (a process that died while starting).`);
      removeStale(lockPath, null);
      continue;
    }
    if (!isStale(found.owner)) throw new DataDirInUseError(dataDir, found.owner, lockPath);
    notice(`Taking over ${lockPath}: pid ${found.owner.pid} (${found.owner.command || "Thicket"}, started ${displayTime(found.owner.startedAt)}) is no longer running.`);
    removeStale(lockPath, found.owner);
  }
  const last = readLock(lockPath);
  throw new DataDirInUseError(dataDir, last.state === "owned" ? last.owner : null, lockPath);
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function holdLock(lockPath: string, owner: LockOwner): DataDirLock {
  held.set(lockPath, owner);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(lockPath);
    process.off("exit", release);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    const found = readLock(lockPath);
    if (found.state === "owned" && sameOwner(found.owner, owner)) unlinkSync(lockPath);
  };
  // A process with its own handler (server/main.ts) shuts down and closes the database, which
  // releases the lock. Otherwise the lock goes and the signal does what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    release();
    process.kill(process.pid, signal);
  };
  process.on("exit", release);
  for (const signal of SIGNALS) process.on(signal, onSignal);

  return {
    path: lockPath,
    owner,
    setUrl(url) {
      if (released) return;
      owner.url = url;
      // Written aside and renamed over the lock, so a reader never sees half of it.
      const next = `${lockPath}.${process.pid}.tmp`;
      writeFileSync(next, JSON.stringify(owner, null, 2) + "\n");
      renameSync(next, lockPath);
    },
    release,
  };
}
