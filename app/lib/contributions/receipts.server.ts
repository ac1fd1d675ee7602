import { and, desc, eq, type SQL } from "drizzle-orm";
import type { FormField, SubmissionStatus } from "../../../db/kinds";
import { intakeFormVersions, projects, submissions, type StoredSubmissionValue } from "../../../db/schema";
import type { AppServices } from "../services.server";
import { byToken, receiptNotFound } from "./submissions.server";

/**
 * What a contributor sees of what they gave: on the receipt page (by its token) and on "My
 * contributions" (signed in). Both read the same columns and shape them the same way.
 */
export interface ContributionView {
  status: SubmissionStatus;
  submittedAt: Date;
  /** When a researcher decided, or when it was withdrawn. */
  decidedAt: Date | null;
  /** What the contributor gave, as stored (redacted); absent once withdrawn. */
  values?: Record<string, StoredSubmissionValue>;
  /** Only for a rejected contribution: what the researcher told the contributor. */
  rejectReason?: string;
  /** The questions answered (the version the contributor saw) and where it went. */
  form: { title: string; projectName: string; fields: Pick<FormField, "name" | "label" | "type">[] };
}

const columns = {
  id: submissions.id,
  projectId: submissions.projectId,
  status: submissions.status,
  submittedAt: submissions.submittedAt,
  decidedAt: submissions.decidedAt,
  values: submissions.values,
  rejectReason: submissions.rejectReason,
  formTitle: intakeFormVersions.title,
  fields: intakeFormVersions.fields,
  projectName: projects.name,
};

function select(services: AppServices, where: SQL) {
  return services.db
    .select(columns)
    .from(submissions)
    .innerJoin(intakeFormVersions, eq(intakeFormVersions.id, submissions.formVersionId))
    .innerJoin(projects, eq(projects.id, submissions.projectId))
    .where(where);
}

type Row = Awaited<ReturnType<typeof select>>[number];

function view(row: Row): ContributionView {
  const withdrawn = row.status === "withdrawn";
  return {
    status: row.status,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    ...(withdrawn ? {} : { values: row.values }),
    ...(row.status === "rejected" && row.rejectReason ? { rejectReason: row.rejectReason } : {}),
    form: {
      title: row.formTitle,
      projectName: row.projectName,
      fields: row.fields.map(({ name, label, type }) => ({ name, label, type })),
    },
  };
}

/** What a receipt link shows: the submission's state and, until withdrawn, what was given. */
export async function readReceipt(services: AppServices, token: string): Promise<ContributionView> {
  const [row] = await select(services, byToken(token));
  if (!row) throw receiptNotFound();
  return view(row);
}

/** A signed-in person's own submissions, newest first, optionally in one project. */
export async function listMyContributions(services: AppServices, userId: string, projectId?: string) {
  const where = projectId
    ? and(eq(submissions.submitterId, userId), eq(submissions.projectId, projectId))!
    : eq(submissions.submitterId, userId);
  const rows = await select(services, where).orderBy(desc(submissions.submittedAt), desc(submissions.id)).limit(500);
  return rows.map((row) => ({ id: row.id, projectId: row.projectId, ...view(row) }));
}
