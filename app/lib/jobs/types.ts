/** Shapes of background jobs shared by the API and the pages (browser-safe). */
import type { JobStatus } from "../../../db/schema-sandwich";

export type { JobStatus };

export interface JobView {
  id: string;
  projectId: string;
  kind: string;
  status: JobStatus;
  /** 0–1. */
  progress: number;
  result?: unknown;
  error?: string;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What people read for a job's kind. */
export const jobKindLabels: Record<string, string> = {
  "model.train": "Learn a code and score every row",
  "sample.draw": "Draw a sample",
  "dataset.import": "Import a dataset",
};

export const isFinished = (status: JobStatus) => status === "done" || status === "failed" || status === "cancelled";
