/**
 * Things to undo if the bench is interrupted: child process groups live outside our own
 * process group, so Ctrl-C would not reach them, and bench databases would be left behind.
 */
const pending = new Set<() => Promise<void>>();

/** Registers an undo step; call the returned function once it is no longer needed. */
export function onCleanup(fn: () => Promise<void>): () => void {
  pending.add(fn);
  return () => pending.delete(fn);
}

/** Runs every registered step (in reverse order of registration), ignoring their errors. */
export async function runCleanups(): Promise<void> {
  const steps = [...pending].reverse();
  pending.clear();
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      console.error("cleanup failed:", err);
    }
  }
}
