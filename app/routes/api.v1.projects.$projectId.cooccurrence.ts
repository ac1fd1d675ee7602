import { cooccurrenceQuerySchema } from "~/lib/analysis/cooccurrence-query";
import { cooccurrenceCsv, cooccurrenceXlsx } from "~/lib/analysis/cooccurrence-csv.server";
import { cooccurrence } from "~/lib/analysis/cooccurrence.server";
import { csvResponse, exportFormat } from "~/lib/analysis/export-format.server";
import { xlsxResponse } from "~/lib/analysis/xlsx.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /**
   * `?mode=overlap|proximity[&within=N][&documents=ID,…][&format=csv|xlsx]` → `{mode, within,
   * codes, cells}`, or the square table as CSV or XLSX. Readers may see it, like the matrix.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const { format, ...search } = Object.fromEntries(new URL(request.url).searchParams);
    const query = cooccurrenceQuerySchema.safeParse(search);
    if (!query.success) throw validationError(query.error);
    const as = exportFormat(request, format);
    const matrix = await cooccurrence(context.services, params.projectId!, query.data);
    if (as === "csv") return csvResponse(cooccurrenceCsv(matrix), "cooccurrence.csv");
    if (as === "xlsx") return xlsxResponse(await cooccurrenceXlsx(matrix), "cooccurrence.xlsx");
    return json(matrix);
  },
});

export const loader = handler;
export const action = handler;
