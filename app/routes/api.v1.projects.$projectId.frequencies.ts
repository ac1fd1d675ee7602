import { csvResponse, exportFormat } from "~/lib/analysis/export-format.server";
import { frequenciesCsv, frequenciesFilename, frequenciesXlsx } from "~/lib/analysis/frequencies-export.server";
import { frequenciesQuerySchema } from "~/lib/analysis/frequencies-query";
import { frequencies } from "~/lib/analysis/frequencies.server";
import { xlsxResponse } from "~/lib/analysis/xlsx.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /**
   * `?by=document|attribute:<name>[&documents=ID,…][&format=csv|xlsx]` → per code its codings
   * and documents, overall and per column. Readers may see it, like the matrix.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const { format, ...search } = Object.fromEntries(new URL(request.url).searchParams);
    const query = frequenciesQuerySchema.safeParse(search);
    if (!query.success) throw validationError(query.error);
    const as = exportFormat(request, format);
    const table = await frequencies(context.services, params.projectId!, query.data);
    if (as === "csv") return csvResponse(frequenciesCsv(table), frequenciesFilename(table, "csv"));
    if (as === "xlsx") return xlsxResponse(await frequenciesXlsx(table), frequenciesFilename(table, "xlsx"));
    return json(table);
  },
});

export const loader = handler;
export const action = handler;
