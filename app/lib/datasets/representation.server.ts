/**
 * Is a code over- or under-represented among a segment's cases compared with the rest of the
 * dataset's cases? Counts the 2×2 table in one SQL query, then tests it with Fisher's exact test.
 */
import { sql } from "drizzle-orm";
import { inAnalysis } from "../contributions/analysis-scope.server";
import type { AppServices } from "../services.server";
import { caseSegments, projectCases } from "./case-segments.server";
import { fisherExactTwoSided } from "./fisher";
import { codeScope } from "./code-scope.server";
import { cellTarget } from "./matrix.server";
import { queryRows } from "./query.server";
import { columnSql, datasetTable, keyColumn } from "./sql.server";
import type { Representation } from "./types";

export const SIGNIFICANCE = 0.05;

interface Counts {
  insideCases: number;
  insideWith: number;
  outsideCases: number;
  outsideWith: number;
}

/** Pure: the verdict from the four counts (exported for the unit tests and the page). */
export function judge(codeId: string, segmentId: string, counts: Counts): Representation {
  const { insideCases, insideWith, outsideCases, outsideWith } = counts;
  const share = (withCode: number, cases: number) => (cases > 0 ? withCode / cases : null);
  const inside = { cases: insideCases, withCode: insideWith, share: share(insideWith, insideCases) };
  const outside = { cases: outsideCases, withCode: outsideWith, share: share(outsideWith, outsideCases) };
  const base = { codeId, segmentId, inside, outside, test: "fisher_exact" as const };
  if (inside.share === null || outside.share === null) {
    return { ...base, ratio: null, pValue: null, verdict: "not_enough_data" };
  }
  const ratio = outside.share > 0 ? inside.share / outside.share : null;
  const pValue = fisherExactTwoSided(insideWith, insideCases - insideWith, outsideWith, outsideCases - outsideWith);
  const verdict =
    pValue < SIGNIFICANCE && inside.share !== outside.share
      ? inside.share > outside.share
        ? "over"
        : "under"
      : "no_difference";
  return { ...base, ratio, pValue, verdict };
}

/**
 * The population is the dataset's cases that have at least one document in the project (a
 * case nobody wrote about says nothing about the code); inside are those in the segment, and a
 * case "has" the code when any of its documents has a coding of it that still has text.
 */
export async function representation(
  services: AppServices,
  projectId: string,
  codeId: string,
  segmentId: string,
  { subcodes = false }: { subcodes?: boolean } = {},
): Promise<Representation> {
  const target = await cellTarget(services, projectId, codeId, segmentId);
  await services.collab.flush();
  const { dataset } = target;
  const [row] = await queryRows<Counts>(
    services.db,
    sql`with population as (
          select k.case_key from (${projectCases(projectId)}) as k
          join ${datasetTable(dataset)} as r on ${columnSql(keyColumn(dataset), "r")} = k.case_key
        ),
        inside as (${caseSegments(sql`select case_key from population`, [target])}),
        coded as (
          select distinct d.case_key from codings c join documents d on d.id = c.document_id
          where d.project_id = ${projectId} and d.case_key is not null and ${inAnalysis("d")}
            and ${codeScope(codeId, subcodes)} and not c.orphaned
        )
        select count(i.case_key)::int as "insideCases",
               count(i.case_key) filter (where cd.case_key is not null)::int as "insideWith",
               count(*) filter (where i.case_key is null)::int as "outsideCases",
               count(*) filter (where i.case_key is null and cd.case_key is not null)::int as "outsideWith"
        from population p
        left join inside i on i.case_key = p.case_key
        left join coded cd on cd.case_key = p.case_key`,
  );
  return judge(codeId, segmentId, row ?? { insideCases: 0, insideWith: 0, outsideCases: 0, outsideWith: 0 });
}
