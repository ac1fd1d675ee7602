/**
 * The excerpt picker's list: the coded passages of one code in this project, searchable by
 * their text or their document's title, a page at a time, each saying whether it is already
 * evidence of this finding. JSON, for the finding page's editors only.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ExcerptChoice } from "~/components/findings/excerpt-picker";
import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { inAnalysis } from "~/lib/contributions/analysis-scope.server";
import { queryRows } from "~/lib/datasets/query.server";
import { validationError } from "~/lib/http/body.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { notFound } from "~/lib/http/errors.server";

const querySchema = z.object({
  codeId: z.string().min(1, "Choose a code.").max(100),
  q: z.string().max(200).default(""),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `%`, `_` and `\` typed in the search box are searched for as themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const handler = apiRoute({
  async GET({ request, params, context }) {
    const findingId = params.findingId!;
    const { projectId } = await requireFindingAccess(context, findingId, "findings:edit");
    if (projectId !== params.projectId) throw notFound("Finding not found.");
    const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw validationError(parsed.error);
    const { codeId, q, offset, limit } = parsed.data;
    const { services } = context;
    // A passage coded a moment ago in the editor is in the projection once it is flushed.
    await services.collab.flush();
    const search = q.trim() ? sql`and (c.quote ilike ${likePattern(q.trim())} or d.title ilike ${likePattern(q.trim())})` : sql``;
    const from = sql`from codings c join documents d on d.id = c.document_id
      where d.project_id = ${projectId} and c.code_id = ${codeId} and not c.orphaned and ${inAnalysis("d")} ${search}`;
    const [excerpts, [count]] = await Promise.all([
      queryRows<ExcerptChoice>(
        services.db,
        sql`select c.id as "codingId", c.quote as "quote", d.id as "documentId", d.title as "documentTitle",
                   exists (select 1 from finding_evidence e where e.finding_id = ${findingId} and e.coding_id = c.id) as "chosen"
            ${from}
            order by d.title, d.id, c.start, c.id
            limit ${limit} offset ${offset}`,
      ),
      queryRows<{ total: number }>(services.db, sql`select count(*)::int as "total" ${from}`),
    ]);
    return json({ excerpts, total: count?.total ?? 0, offset, limit });
  },
});

export const loader = handler;
