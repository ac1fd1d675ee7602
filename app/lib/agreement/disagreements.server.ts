/**
 * The passages where chosen coders disagree most (GET …/agreement/disagreements): the same
 * documents, codings and units as the agreement figures, listed unit by unit, worst first.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, sqlList } from "../datasets/query.server";
import { validationError } from "../http/body.server";
import { notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { agreementQuerySchema, checkCoders, readCodings, readDocuments } from "./agreement.server";
import { documentDisagreements } from "./disagreements";
import type { AgreementUnit, CodedSpan } from "./units";

export const MAX_DISAGREEMENT_PAGE = 200;
/** A passage's text is cut at this many characters; `start`/`end` still give its whole range. */
export const PASSAGE_CHARS = 400;

export const disagreementsQuerySchema = agreementQuerySchema.extend({
  code: z.string().trim().min(1, "?code= must be a code id.").max(100).optional(),
  offset: z.coerce.number({ error: "must be a number." }).int("must be a whole number.").min(0, "must be 0 or more.").default(0),
  limit: z.coerce
    .number({ error: "must be a number." })
    .int("must be a whole number.")
    .min(1, "must be at least 1.")
    .max(MAX_DISAGREEMENT_PAGE, `at most ${MAX_DISAGREEMENT_PAGE}.`)
    .default(20),
});
export type DisagreementsQuery = z.infer<typeof disagreementsQuerySchema>;

export function parseDisagreementsQuery(search: URLSearchParams): DisagreementsQuery {
  const parsed = disagreementsQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export interface Disagreement {
  documentId: string;
  documentTitle: string;
  start: number;
  end: number;
  /** The unit's text, at most PASSAGE_CHARS of it. */
  text: string;
  truncated: boolean;
  coders: Array<{ coderId: string; codeIds: string[] }>;
  disputedCodeIds: string[];
  score: number;
}

export interface DisagreementPage {
  unit: AgreementUnit;
  coders: string[];
  code: string | null;
  disagreements: Disagreement[];
  total: number;
  offset: number;
  limit: number;
}

async function checkCode(services: AppServices, projectId: string, codeId: string) {
  const rows = await queryRows<{ id: string }>(services.db, sql`select id from codes where id = ${codeId} and project_id = ${projectId}`);
  if (rows.length === 0) throw notFound("Code not found.");
}

async function titles(services: AppServices, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; title: string }>(services.db, sql`select id, title from documents where id in (${sqlList(ids)})`);
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function listDisagreements(services: AppServices, projectId: string, query: DisagreementsQuery): Promise<DisagreementPage> {
  const { coders, unit, code } = query;
  await checkCoders(services, projectId, coders);
  if (code) await checkCode(services, projectId, code);
  // As the agreement figures: the live state, so the list matches what the editor shows.
  await services.collab.flush();
  const docs = await readDocuments(services, projectId, query.documents);
  const rows = await readCodings(services, projectId, docs.map((d) => d.id), coders);
  const coderIndex = new Map(coders.map((id, i) => [id, i]));
  const byDocument = new Map<string, CodedSpan[][]>();
  for (const row of rows) {
    let perCoder = byDocument.get(row.documentId);
    if (!perCoder) byDocument.set(row.documentId, (perCoder = coders.map(() => [])));
    perCoder[coderIndex.get(row.authorId)!]!.push(row);
  }
  const titleOf = await titles(services, [...byDocument.keys()]);
  const all: Disagreement[] = [];
  for (const doc of docs) {
    const perCoder = byDocument.get(doc.id);
    if (!perCoder) continue; // nobody coded it: nothing to disagree about
    for (const d of documentDisagreements(doc.text, unit, perCoder, code)) {
      const whole = doc.text.slice(d.start, d.end);
      all.push({
        documentId: doc.id,
        documentTitle: titleOf.get(doc.id) ?? "",
        start: d.start,
        end: d.end,
        text: whole.slice(0, PASSAGE_CHARS),
        truncated: whole.length > PASSAGE_CHARS,
        coders: coders.map((coderId, c) => ({ coderId, codeIds: d.applied[c]! })),
        disputedCodeIds: d.disputed,
        score: d.score,
      });
    }
  }
  all.sort(
    (a, b) =>
      b.score - a.score ||
      a.documentTitle.localeCompare(b.documentTitle) ||
      (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) ||
      a.start - b.start,
  );
  return {
    unit,
    coders,
    code: code ?? null,
    disagreements: all.slice(query.offset, query.offset + query.limit),
    total: all.length,
    offset: query.offset,
    limit: query.limit,
  };
}
