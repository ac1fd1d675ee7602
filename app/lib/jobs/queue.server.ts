/**
 * Background jobs (ADR 0200). pg-boss runs the work on either database: on a Postgres server
 * through the app's pool, on embedded PGlite through pg-boss's own PGlite adapter. The `jobs`
 * table is what members see (status, progress, result, error); a pg-boss job only carries the
 * id of that row, so the queue never holds project data.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { PgBoss, fromPglite } from "pg-boss";
import type { Database } from "../../../db/client";
import { rawDriver } from "../../../db/raw";
import { jobs, type JobRow } from "../../../db/schema";

const QUEUE = "thicket-jobs";
/** Said of a job the server stopped in the middle of (a crash, a kill): it is failed, never left running. */
export const INTERRUPTED_MESSAGE = "The server stopped while this job was running. Start it again.";

/** Thrown by `checkpoint()` when someone asked to cancel: the job ends `cancelled`. */
export class JobCancelled extends Error {
  constructor() {
    super("The job was cancelled.");
  }
}

/** Thrown by a handler for an expected failure: its message is shown to the person as is. */
export class JobFailure extends Error {}

/** The server is stopping: the job in hand ends `failed`, saying so, at its next checkpoint. */
class JobInterrupted extends Error {}

export interface JobContext {
  db: Database;
  job: JobRow;
  /** Records progress (0–1) and throws JobCancelled when a cancel was asked for. */
  checkpoint(progress: number): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface JobQueueOptions {
  /** Seconds between polls when idle (tests use the minimum, 0.5). */
  pollingIntervalSeconds?: number;
}

export class JobQueue {
  /** pg-boss, once started (see `ensureBoss`). */
  private booting: Promise<PgBoss> | null = null;
  private started = false;
  /** Rows handed to pg-boss by this process, so a row is sent once. */
  private readonly sent = new Set<string>();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly options: JobQueueOptions = {},
  ) {}

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /**
   * Fails the jobs a previous process left running (the server stopped in the middle of them)
   * and starts working. pg-boss itself is started on first need, the first job or a queued row
   * left from before: installing its schema takes seconds on a fresh embedded database, which a
   * server that never runs a job should not pay at boot.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    await this.db
      .update(jobs)
      .set({ status: "failed", error: INTERRUPTED_MESSAGE, finishedAt: new Date() })
      .where(eq(jobs.status, "running"));
    const [queued] = await this.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.status, "queued")).limit(1);
    if (queued) await this.ensureBoss();
  }

  /** Stops taking work, fails the job in hand at its next batch, then closes pg-boss (not the database). */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopping = true;
    const booting = this.booting;
    this.booting = null;
    const boss = await booting?.catch(() => null);
    if (boss) await boss.stop({ graceful: true, close: false, timeout: 30_000 });
    await Promise.allSettled([...this.running]);
  }

  /**
   * Writes the job's row and hands it to the queue; returns the row's id. While the queue is
   * stopped the row waits, queued, and is handed over at the next start.
   */
  async enqueue(input: { projectId: string; kind: string; input: Record<string, unknown>; createdBy: string | null }): Promise<string> {
    if (!this.handlers.has(input.kind)) throw new Error(`No handler for jobs of kind ${input.kind}.`);
    const [row] = await this.db
      .insert(jobs)
      .values({ projectId: input.projectId, kind: input.kind, input: input.input, createdBy: input.createdBy })
      .returning({ id: jobs.id });
    if (this.started) {
      // Not awaited: the caller answers 202 at once; the job row says how it goes from here.
      this.ensureBoss().catch((err: unknown) => console.error("jobs: could not start the queue:", err));
    }
    return row!.id;
  }

  /** Starts pg-boss once, then hands it every queued row (a duplicate is harmless, see `run`). */
  private ensureBoss(): Promise<PgBoss> {
    const boot = (this.booting ??= this.bootBoss());
    return boot.then(async (boss) => {
      if (this.booting !== boot) return boss;
      const queued = await this.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.status, "queued"));
      // No retries: a job that failed says why, and the person starts it again if they want.
      for (const { id } of queued) {
        if (this.sent.has(id)) continue;
        this.sent.add(id);
        await boss.send(QUEUE, { jobId: id }, { retryLimit: 0, expireInSeconds: 6 * 3600 });
      }
      return boss;
    });
  }

  private async bootBoss(): Promise<PgBoss> {
    const driver = rawDriver(this.db);
    const options = { schedule: false, noTablePartitioning: true, noCoveringIndexes: true } as const;
    const boss =
      driver.kind === "pglite"
        ? new PgBoss({ db: fromPglite(driver.client), backend: "pglite", ...options })
        : new PgBoss({ db: { executeSql: (text, values) => driver.pool.query(text, values) }, ...options });
    boss.on("error", (err: unknown) => console.error("jobs: queue error:", err instanceof Error ? err.message : err));
    await boss.start();
    await boss.createQueue(QUEUE);
    await boss.work<{ jobId: string }>(
      QUEUE,
      { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1, batchSize: 1 },
      async ([item]) => {
        if (item) await this.track(this.run(item.data.jobId));
      },
    );
    return boss;
  }

  private async track(work: Promise<void>) {
    this.running.add(work);
    try {
      await work;
    } finally {
      this.running.delete(work);
    }
  }

  /** Claims the row (queued → running) so a job is never run twice, then runs its handler. */
  private async run(jobId: string): Promise<void> {
    const db = this.db;
    const [job] = await db
      .update(jobs)
      .set({ status: "running", startedAt: new Date() })
      .where(and(eq(jobs.id, jobId), eq(jobs.status, "queued")))
      .returning();
    if (!job) return;
    const finish = (values: Partial<JobRow>) =>
      db
        .update(jobs)
        .set({ ...values, finishedAt: new Date() })
        .where(and(eq(jobs.id, jobId), inArray(jobs.status, ["running"])));
    if (job.cancelRequested) {
      await finish({ status: "cancelled" });
      return;
    }
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await finish({ status: "failed", error: `This server cannot run jobs of kind ${job.kind}.` });
      return;
    }
    const checkpoint = async (progress: number) => {
      // Let the server answer requests between batches: PGlite runs queries on this thread, so a
      // job that only awaited them would hold the event loop until it finished.
      await new Promise((resolve) => setImmediate(resolve));
      const [row] = await db
        .update(jobs)
        .set({ progress: sql`greatest(${jobs.progress}, ${Math.min(1, Math.max(0, progress))})` })
        .where(eq(jobs.id, jobId))
        .returning({ cancelRequested: jobs.cancelRequested });
      if (!row || row.cancelRequested) throw new JobCancelled();
      if (this.stopping) throw new JobInterrupted();
    };
    try {
      const result = await handler({ db, job, checkpoint });
      await finish({ status: "done", progress: 1, result: result ?? null });
    } catch (err) {
      if (err instanceof JobCancelled) await finish({ status: "cancelled" });
      else if (err instanceof JobInterrupted) await finish({ status: "failed", error: INTERRUPTED_MESSAGE });
      else {
        if (!(err instanceof JobFailure)) console.error(`jobs: ${job.kind} ${jobId} failed:`, err);
        const message = err instanceof JobFailure ? err.message : "The job failed unexpectedly. The server log has the details.";
        await finish({ status: "failed", error: message });
      }
    }
  }
}
