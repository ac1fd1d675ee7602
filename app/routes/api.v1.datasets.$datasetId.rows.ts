import { z } from "zod";
import { requireDatasetAccess } from "~/lib/auth/dataset-guard.server";
import { getRows, MAX_PAGE_ROWS } from "~/lib/datasets/rows.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(2_000_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_ROWS).default(50),
  sort: z.string().min(1).max(1000).optional(),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

const handler = apiRoute({
  /** ?offset&limit (at most 200)&sort=<column name>&dir=asc|desc; NULLs sort last. */
  async GET({ request, params, context }) {
    const { dataset } = await requireDatasetAccess(context, params.datasetId!, "documents:read");
    const search = new URL(request.url).searchParams;
    const query = pageQuery.safeParse(Object.fromEntries([...search].filter(([, v]) => v !== "")));
    if (!query.success) throw validationError(query.error);
    return json(await getRows(context.services, dataset, query.data));
  },
});

export const loader = handler;
export const action = handler;
