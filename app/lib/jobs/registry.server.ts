import type { Database } from "../../../db/client";
import type { AppConfig } from "../env.server";
import { MODEL_TRAIN, runModelJob } from "../models/train-job.server";
import { JobQueue } from "./queue.server";

/** The queue with every kind of job this server runs. */
export function createJobQueue(db: Database, config: Pick<AppConfig, "nodeEnv">): JobQueue {
  return new JobQueue(db, { pollingIntervalSeconds: config.nodeEnv === "production" ? 2 : 0.5 }).register(MODEL_TRAIN, runModelJob);
}
