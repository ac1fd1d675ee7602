/** CPU of a server process, its database's Postgres backends and this (load-generating) process over a window. */
import { BackendCpu, CpuWindow, cpuSeconds, findScriptProcess, rssKiB } from "./collab-proc";
import type { Service } from "./process";

export interface CpuShare {
  /** % of one core, each. */
  serverPct: number;
  postgresPct: number;
  /** This process: autocannon and the bench's own polling. */
  loadGeneratorPct: number;
}

const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Starts measuring; the returned function stops and answers the shares since the start. */
export function startCpuWindow(pid: number, database: string): () => CpuShare {
  const backends = new BackendCpu(database);
  const window = new CpuWindow([() => cpuSeconds(pid), () => backends.seconds(), ownCpuSeconds]);
  return () => {
    const [serverPct, postgresPct, loadGeneratorPct] = window.percent();
    backends.stop();
    return { serverPct: serverPct!, postgresPct: postgresPct!, loadGeneratorPct: loadGeneratorPct! };
  };
}

/** The node process under `tsx <script>` (the one whose CPU and memory count). */
export const scriptPid = (service: Service, script: string) => findScriptProcess(service.child.pid!, script);

export const rssMiB = (pid: number) => rssKiB(pid) / 1024;
