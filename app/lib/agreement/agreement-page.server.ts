/**
 * What the agreement page shows: who may be compared, the documents to choose from, the
 * figures and a page of disagreements for the coders, unit and documents in the URL. The page
 * asks the same functions the API answers with, so both always agree.
 */
import { sql } from "drizzle-orm";
import { codeTree } from "~/components/editor/codebook-tree";
import { can } from "../auth/permissions";
import { queryRows } from "../datasets/query.server";
import { HttpError } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { listCodes } from "../services/codes.server";
import { listMemberNames } from "../services/members.server";
import { computeAgreement, MAX_CODERS, MIN_CODERS, type Agreement } from "./agreement.server";
import { listDisagreements, type DisagreementPage } from "./disagreements.server";
import { agreementUnits, type AgreementUnit } from "./units";

export const DISAGREEMENTS_PER_PAGE = 10;
/** The document picker lists this many; more are reached through ?documents= links. */
const MAX_PICKABLE_DOCUMENTS = 2000;

/** `?name=a&name=b` (checkboxes, a multi-select) or `?name=a,b` (a shared link) alike. */
const listParam = (search: URLSearchParams, name: string) => [
  ...new Set(search.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean)),
];

export interface AgreementPageData {
  coders: Array<{ id: string; name: string; role: string }>;
  documents: Array<{ id: string; title: string }>;
  codes: Array<{ id: string; name: string; color: string; depth: number }>;
  chosen: { coders: string[]; unit: AgreementUnit; documents: string[]; code: string | null; offset: number };
  agreement: Agreement | null;
  disagreements: DisagreementPage | null;
  /** Fewer than MIN_CODERS chosen: the page asks for more. */
  needsCoders: boolean;
  /** Why there are no figures: a sentence for the person, or null when there are. */
  problem: string | null;
}

export async function agreementPage(services: AppServices, projectId: string, search: URLSearchParams): Promise<AgreementPageData> {
  const [members, codes, documents] = await Promise.all([
    listMemberNames(services.db, projectId),
    listCodes(services, projectId),
    queryRows<{ id: string; title: string }>(
      services.db,
      sql`select id, title from documents where project_id = ${projectId} order by title, id limit ${MAX_PICKABLE_DOCUMENTS}`,
    ),
  ]);
  // Coders are those whose role lets them code; others cannot have codings to compare.
  const coders = members
    .filter((m) => can({ id: m.userId }, "codings:edit", { kind: "project", projectId, role: m.role }))
    .map((m) => ({ id: m.userId, name: m.name, role: m.role }));
  const unitParam = search.get("unit");
  const unit: AgreementUnit = agreementUnits.find((u) => u === unitParam) ?? "paragraph";
  const offset = Math.max(0, Math.floor(Number(search.get("offset")) || 0));
  const chosen = {
    coders: listParam(search, "coders"),
    unit,
    documents: listParam(search, "documents"),
    code: search.get("code") || null,
    offset,
  };
  const tree = codeTree(codes.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, color: c.color, description: "", codable: c.codable })));
  const base: AgreementPageData = {
    coders,
    documents,
    codes: tree.map((c) => ({ id: c.id, name: c.name, color: c.color, depth: c.depth })),
    chosen,
    agreement: null,
    disagreements: null,
    needsCoders: chosen.coders.length < MIN_CODERS,
    problem: null,
  };
  if (chosen.coders.length < MIN_CODERS) return base;
  if (chosen.coders.length > MAX_CODERS) return { ...base, problem: `Choose at most ${MAX_CODERS} coders.` };
  const query = { coders: chosen.coders, unit, documents: chosen.documents.length > 0 ? chosen.documents : undefined };
  try {
    const agreement = await computeAgreement(services, projectId, query);
    const disagreements = await listDisagreements(services, projectId, {
      ...query,
      code: chosen.code ?? undefined,
      offset,
      limit: DISAGREEMENTS_PER_PAGE,
    });
    return { ...base, agreement, disagreements };
  } catch (err) {
    // A stale link (a coder who left, a deleted document or code) is explained, not a 404 page.
    if (err instanceof HttpError && err.status < 500) return { ...base, problem: err.message };
    throw err;
  }
}
