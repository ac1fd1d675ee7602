import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { idle, total };
}

/** Share of all CPUs (0..100) busy over the next `ms`. */
export async function cpuBusyPercent(ms = 1000): Promise<number> {
  const a = cpuTimes();
  await sleep(ms);
  const b = cpuTimes();
  const total = b.total - a.total;
  return total > 0 ? 100 * (1 - (b.idle - a.idle) / total) : 0;
}

export interface MachineLoad {
  /** CPU busy over the second before the bench started (other work skews the numbers). */
  cpuBusyPercentBefore: number;
  loadAvgBefore: number[];
  /** Seconds spent waiting for the machine to quieten down (BENCH_WAIT_QUIET). */
  waitedSec: number;
}

/**
 * Samples how busy the machine is. With `maxWaitSec` > 0, first waits (up to that long) for
 * three consecutive seconds under `busyBelowPercent` busy.
 */
export async function checkMachine(maxWaitSec: number, busyBelowPercent = 15): Promise<MachineLoad> {
  const started = Date.now();
  let quietSeconds = 0;
  let busy = await cpuBusyPercent();
  while (maxWaitSec > 0 && (Date.now() - started) / 1000 < maxWaitSec) {
    quietSeconds = busy < busyBelowPercent ? quietSeconds + 1 : 0;
    if (quietSeconds >= 3) break;
    busy = await cpuBusyPercent();
  }
  return {
    cpuBusyPercentBefore: Math.round(busy),
    loadAvgBefore: os.loadavg().map((v) => Math.round(v * 100) / 100),
    waitedSec: Math.round((Date.now() - started) / 1000),
  };
}
