/** Timed GETs with a session cookie, and the median/p95 of a series of runs, shared by the analysis benches. */
import { median, percentileOfSorted } from "./stats";

export interface Timing {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  runs: number[];
}

export function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: median(times), p95Ms: percentileOfSorted(sorted, 95), minMs: sorted[0]!, maxMs: sorted.at(-1)!, runs: times };
}

/** `warmUp` untimed calls, then `runs` timed ones, one at a time; answers the last result too. */
export async function timeRuns<T>(runs: number, warmUp: number, fn: () => Promise<T>): Promise<{ timing: Timing; last: T }> {
  let last = await fn();
  for (let i = 1; i < warmUp; i++) last = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  return { timing: timing(times), last };
}

export async function getJson<T>(baseUrl: string, cookie: string, path: string): Promise<{ json: T; bytes: number }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie, accept: "application/json" } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { json: JSON.parse(text) as T, bytes: text.length };
}

export async function postJson<T>(baseUrl: string, cookie: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
