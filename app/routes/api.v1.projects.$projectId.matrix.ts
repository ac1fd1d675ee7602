import { csvResponse, exportFormat } from "~/lib/analysis/export-format.server";
import { matrixCsv, matrixXlsx } from "~/lib/analysis/matrix-export.server";
import { xlsxResponse } from "~/lib/analysis/xlsx.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { parseSubcodes } from "~/lib/datasets/code-scope.server";
import { buildMatrix } from "~/lib/datasets/matrix.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /**
   * API.md: `{codes, segments, cells:[{codeId, segmentId, codings, documents, cases}]}`; empty
   * cells are left out. `?subcodes=true` also counts each coding in its code's ancestors.
   * `?format=csv|xlsx` downloads the same numbers as a table.
   */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    const search = new URL(request.url).searchParams;
    const subcodes = parseSubcodes(search.get("subcodes"), false);
    // Only an explicit ?format= downloads: the JSON answer stays the default whatever Accept says.
    const as = search.has("format") ? exportFormat(request, search.get("format")) : "json";
    const matrix = await buildMatrix(context.services, params.projectId!, { subcodes });
    if (as === "csv") return csvResponse(matrixCsv(matrix), "codes-by-segments.csv");
    if (as === "xlsx") return xlsxResponse(await matrixXlsx(matrix, subcodes), "codes-by-segments.xlsx");
    return json(matrix);
  },
});

export const loader = handler;
export const action = handler;
