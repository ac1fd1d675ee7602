/**
 * Inter-coder agreement over a project's documents (API.md "Agreement and exchange"): per code
 * and pooled over all codes, from the codings each chosen coder made. Reads the projection.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { projectMembers } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { queryRows, sqlList } from "../datasets/query.server";
import { validationError } from "../http/body.server";
import { HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement, type Unit } from "./coefficients";
import { agreementUnits, judgements, unitRanges, type AgreementUnit, type CodedSpan } from "./units";
import { alphaOf, UnitizedAlpha, type Span, type UnitizedTerms } from "./unitized";

export const MIN_CODERS = 2;
export const MAX_CODERS = 10;
const MAX_DOCUMENTS = 1000;

/** `?name=a,b,c` as its ids, blanks dropped. */
const idList = (name: string, what: string) =>
  z
    .string({ error: `?${name}= is required: ${what}.` })
    .transform((s) => s.split(",").map((id) => id.trim()).filter(Boolean));

/** The query's shape (400 when wrong); whether the coders make sense is checked after (422). */
export const agreementQuerySchema = z.object({
  coders: idList("coders", "the user ids of two to ten coders, comma-separated"),
  unit: z.enum(agreementUnits, { error: `?unit= must be one of ${agreementUnits.join(", ")}.` }),
  documents: idList("documents", "document ids, comma-separated")
    .refine((ids) => ids.length > 0, "List at least one document id, or leave ?documents= out.")
    .refine((ids) => ids.length <= MAX_DOCUMENTS, `At most ${MAX_DOCUMENTS} document ids.`)
    .optional(),
});
export type AgreementQuery = z.infer<typeof agreementQuerySchema>;

export function parseAgreementQuery(search: URLSearchParams): AgreementQuery {
  const parsed = agreementQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const invalidCoders = (message: string) => new HttpError(422, "invalid_coders", message, {}, { coders: message });

/** 2–10 distinct ids, every one a member of the project (any role). */
export async function checkCoders(services: AppServices, projectId: string, coders: string[]) {
  if (coders.length < MIN_CODERS) throw invalidCoders(`coders: name at least ${MIN_CODERS} coders to compare.`);
  if (coders.length > MAX_CODERS) throw invalidCoders(`coders: at most ${MAX_CODERS} coders.`);
  const repeated = coders.find((id, i) => coders.indexOf(id) !== i);
  if (repeated) throw invalidCoders(`coders: ${repeated} is listed twice.`);
  const rows = await services.db
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), inArray(projectMembers.userId, coders)));
  const members = new Set(rows.map((r) => r.userId));
  const stranger = coders.find((id) => !members.has(id));
  if (stranger) throw invalidCoders(`coders: ${stranger} is not a member of this project.`);
}


/**
 * The documents' texts: the ones asked for (each must be this project's, else 404), or every
 * document of the project in analysis. Asked-for ones are taken as asked, rejected or not.
 */
export async function readDocuments(services: AppServices, projectId: string, ids: string[] | undefined) {
  const which: SQL = ids ? sql`d.id in (${sqlList(ids)})` : inAnalysis("d");
  const docs = await queryRows<{ id: string; text: string }>(
    services.db,
    sql`select d.id, d.text from documents d where d.project_id = ${projectId} and ${which} order by d.id`,
  );
  if (ids && docs.length !== new Set(ids).size) throw notFound("Document not found.");
  return docs;
}

export interface CodingRow extends CodedSpan {
  documentId: string;
  authorId: string;
}

/** The coders' live codings in those documents, codes ordered by name as the codebook lists them. */
export async function readCodings(services: AppServices, projectId: string, documentIds: string[], coders: string[]) {
  if (documentIds.length === 0) return [];
  return queryRows<CodingRow>(
    services.db,
    sql`select c.document_id as "documentId", c.author_id as "authorId", c.code_id as "codeId",
               c.start as "start", c."end" as "end"
        from codings c join codes k on k.id = c.code_id and k.project_id = ${projectId}
        where c.document_id in (${sqlList(documentIds)}) and c.author_id in (${sqlList(coders)}) and not c.orphaned
        order by k.name, k.id`,
  );
}

export interface CodeAgreement {
  codeId: string;
  percentAgreement: number | null;
  cohenKappa: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  /** Krippendorff's |uα over character spans, whatever the unit (unitized.ts). */
  unitizedAlpha: number | null;
}

export interface Agreement {
  unit: AgreementUnit;
  coders: string[];
  overall: { percentAgreement: number | null; krippendorffAlpha: number | null; unitizedAlpha: number | null };
  perCode: CodeAgreement[];
}

/**
 * Per code, the |uα terms over the documents laid end to end (characters, whatever the unit):
 * each document's spans are grouped by code once, so the work is O(n log n) per code and document.
 */
function unitizedTerms(
  docs: { id: string; text: string }[],
  byDocument: Map<string, CodedSpan[][]>,
  codeIds: string[],
  coders: number,
): Map<string, UnitizedTerms> {
  const perCode = new Map(codeIds.map((id) => [id, new UnitizedAlpha(coders)]));
  const none: Span[][] = Array.from({ length: coders }, () => []);
  for (const doc of docs) {
    const perCoder = byDocument.get(doc.id);
    const byCode = new Map<string, Span[][]>();
    perCoder?.forEach((spans, c) => {
      for (const span of spans) {
        let group = byCode.get(span.codeId);
        if (!group) byCode.set(span.codeId, (group = Array.from({ length: coders }, () => [])));
        group[c]!.push([span.start, span.end]);
      }
    });
    // A code nobody applied in this document still adds its length, as an all-gap stretch.
    for (const [codeId, acc] of perCode) acc.add(doc.text.length, byCode.get(codeId) ?? none);
  }
  const out = new Map<string, UnitizedTerms>();
  for (const [codeId, acc] of perCode) {
    const terms = acc.terms();
    if (terms) out.set(codeId, terms);
  }
  return out;
}

export async function computeAgreement(services: AppServices, projectId: string, query: AgreementQuery): Promise<Agreement> {
  const { coders, unit } = query;
  await checkCoders(services, projectId, coders);
  // API reads show the live state: write any codings still waiting for the projection.
  await services.collab.flush();
  const docs = await readDocuments(services, projectId, query.documents);
  const rows = await readCodings(services, projectId, docs.map((d) => d.id), coders);
  // Every code one of the coders applied somewhere; each is judged in every document.
  const codeIds = [...new Set(rows.map((r) => r.codeId))];
  const coderIndex = new Map(coders.map((id, i) => [id, i]));
  const byDocument = new Map<string, CodedSpan[][]>();
  for (const row of rows) {
    let perCoder = byDocument.get(row.documentId);
    if (!perCoder) byDocument.set(row.documentId, (perCoder = coders.map(() => [])));
    perCoder[coderIndex.get(row.authorId)!]!.push(row);
  }
  const perCodeUnits = new Map<string, Unit[]>(codeIds.map((id) => [id, []]));
  for (const doc of docs) {
    const units = unit === "character" ? doc.text.length : unitRanges(doc.text, unit);
    const found = judgements(units, byDocument.get(doc.id) ?? coders.map(() => []), codeIds);
    for (const [codeId, list] of found) {
      const all = perCodeUnits.get(codeId)!;
      for (const u of list) all.push(u);
    }
  }
  const unitized = unitizedTerms(docs, byDocument, codeIds, coders.length);
  const perCode = codeIds.map((codeId): CodeAgreement => {
    const units = perCodeUnits.get(codeId)!;
    const terms = unitized.get(codeId);
    return {
      codeId,
      percentAgreement: percentAgreement(units),
      cohenKappa: coders.length === 2 ? cohenKappa(units) : null,
      fleissKappa: coders.length >= 3 ? fleissKappa(units) : null,
      krippendorffAlpha: krippendorffAlpha(units),
      unitizedAlpha: alphaOf(terms ? [terms] : []),
    };
  });
  const pooled = [...perCodeUnits.values()].flat();
  return {
    unit,
    coders,
    overall: {
      percentAgreement: percentAgreement(pooled),
      krippendorffAlpha: krippendorffAlpha(pooled),
      // Krippendorff (2004): uα = 1 − Σ_c D_o,c / Σ_c D_e,c over the codes.
      unitizedAlpha: alphaOf([...unitized.values()]),
    },
    perCode,
  };
}
