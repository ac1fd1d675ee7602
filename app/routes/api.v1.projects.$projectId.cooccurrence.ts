import { cooccurrenceQuerySchema } from "~/lib/analysis/cooccurrence-query";
import { cooccurrenceCsv } from "~/lib/analysis/cooccurrence-csv.server";
import { cooccurrence } from "~/lib/analysis/cooccurrence.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";
import { HttpError } from "~/lib/http/errors.server";

/** CSV when asked for by `?format=csv` or an Accept header that names text/csv. */
function wantsCsv(request: Request, format: string | null): boolean {
  if (format !== null && format !== "csv" && format !== "json") {
    throw new HttpError(400, "invalid_request", "format: must be one of json, csv.", {}, { format: "must be one of json, csv." });
  }
  return format === "csv" || (format === null && /\btext\/csv\b/i.test(request.headers.get("accept") ?? ""));
}

const handler = apiRoute({
  /**
   * `?mode=overlap|proximity[&within=N][&documents=ID,…][&format=csv]` → `{mode, within, codes,
   * cells}`, or the square CSV. Readers may see it, like the matrix.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const { format, ...search } = Object.fromEntries(new URL(request.url).searchParams);
    const query = cooccurrenceQuerySchema.safeParse(search);
    if (!query.success) throw validationError(query.error);
    const csv = wantsCsv(request, format ?? null);
    const matrix = await cooccurrence(context.services, params.projectId!, query.data);
    if (!csv) return json(matrix);
    return new Response(cooccurrenceCsv(matrix), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="cooccurrence.csv"',
      },
    });
  },
});

export const loader = handler;
export const action = handler;
