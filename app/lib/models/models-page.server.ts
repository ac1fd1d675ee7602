import { and, desc, eq, sql } from "drizzle-orm";
import { codes, jobs, type SampleRow } from "../../../db/schema";
import { MIN_PER_CLASS } from "../classifier";
import { queryRows } from "../datasets/query.server";
import { jobView } from "../jobs/jobs.server";
import type { JobView } from "../jobs/types";
import type { AppServices } from "../services.server";
import { listSampleModels } from "./models.server";
import { MODEL_TRAIN } from "./train-job.server";
import type { CodeModelView } from "./types";

export interface CodeModelRowView {
  codeId: string;
  name: string;
  color: string | null;
  positives: number;
  negatives: number;
  /** Why "Learn this code" is disabled; null when it can be learnt. */
  blocked: string | null;
  model: CodeModelView | null;
  job: JobView | null;
}

/** Per code of the project: done examples in the sample, its latest model and latest job. */
export async function sampleModelsPage(services: AppServices, sample: SampleRow): Promise<{ done: number; codes: CodeModelRowView[] }> {
  const { db } = services;
  await services.collab.flush();
  const [doneRow] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from sample_rows sr join documents d on d.id = sr.document_id
        where sr.sample_id = ${sample.id} and not sr.hand_picked and d.done`,
  );
  const done = doneRow?.n ?? 0;
  const positives = await queryRows<{ codeId: string; n: number }>(
    db,
    sql`select cg.code_id as "codeId", count(distinct d.id)::int as n
        from sample_rows sr join documents d on d.id = sr.document_id join codings cg on cg.document_id = d.id and not cg.orphaned
        where sr.sample_id = ${sample.id} and not sr.hand_picked and d.done group by cg.code_id`,
  );
  const positivesOf = new Map(positives.map((p) => [p.codeId, p.n]));
  const codeRows = await db
    .select({ id: codes.id, name: codes.name, color: codes.color })
    .from(codes)
    .where(eq(codes.projectId, sample.projectId))
    .orderBy(codes.name);
  const models = await listSampleModels(services, sample.id);
  const jobRows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.projectId, sample.projectId), eq(jobs.kind, MODEL_TRAIN), sql`${jobs.input}->>'sampleId' = ${sample.id}`))
    .orderBy(desc(jobs.createdAt))
    .limit(500);
  return {
    done,
    codes: codeRows.map((c) => {
      const pos = positivesOf.get(c.id) ?? 0;
      const neg = done - pos;
      const needs = [
        pos < MIN_PER_CLASS ? `${MIN_PER_CLASS - pos} more done document${MIN_PER_CLASS - pos === 1 ? "" : "s"} with the code` : "",
        neg < MIN_PER_CLASS ? `${MIN_PER_CLASS - neg} more without it` : "",
      ].filter(Boolean);
      const job = jobRows.find((j) => (j.input as { codeId?: string }).codeId === c.id);
      return {
        codeId: c.id,
        name: c.name,
        color: c.color,
        positives: pos,
        negatives: neg,
        blocked: needs.length ? `Needs ${needs.join(" and ")}.` : null,
        model: models.find((m) => m.codeId === c.id) ?? null,
        job: job ? jobView(job) : null,
      };
    }),
  };
}
