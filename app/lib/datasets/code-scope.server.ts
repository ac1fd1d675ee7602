/**
 * Sub-codes counted in their parents, the way NVivo's "aggregate" works: a parent row of the
 * matrix then says how often anything under it was coded. Off in the API by default (API.md
 * counts a code's own codings); the matrix page turns it on.
 */
import { sql, type SQL } from "drizzle-orm";

/** `(code_id, scope_id)`: every code of the project paired with itself and each ancestor. */
export function codeAncestry(projectId: string): SQL {
  return sql`with recursive up(code_id, scope_id) as (
      select id, id from codes where project_id = ${projectId}
      union
      select up.code_id, c.parent_id from up join codes c on c.id = up.scope_id where c.parent_id is not null
    ) select code_id, scope_id from up`;
}

/** A condition on `<alias>.code_id`: the code itself, or also any code below it. */
export function codeScope(codeId: string, subcodes: boolean, alias = "c"): SQL {
  const column = sql`${sql.identifier(alias)}.code_id`;
  if (!subcodes) return sql`${column} = ${codeId}`;
  return sql`${column} in (with recursive down(id) as (
      select ${codeId}::text
      union
      select k.id from codes k join down on k.parent_id = down.id
    ) select id from down)`;
}

/** `?subcodes=true|false` (also 1/0); absent is `fallback`. */
export function parseSubcodes(raw: string | null, fallback: boolean): boolean {
  if (raw === null || raw === "") return fallback;
  return raw === "true" || raw === "1";
}
