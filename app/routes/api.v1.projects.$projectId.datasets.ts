import { z } from "zod";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { requireCsv } from "~/lib/datasets/csv-request.server";
import { listDatasets } from "~/lib/datasets/datasets.server";
import { importDataset } from "~/lib/datasets/import.server";
import { columnTypes } from "~/lib/datasets/types";
import { apiRoute, json } from "~/lib/http/api.server";
import { validationError } from "~/lib/http/body.server";

const importQuery = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(200),
  key: z.string({ error: "key is required" }).trim().min(1, "key is required").max(1000),
  types: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === "") return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "types must be a JSON object" });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.enum(columnTypes)).optional()),
});

const handler = apiRoute({
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    return json({ datasets: await listDatasets(context.services, params.projectId!) });
  },
  /** API.md: the CSV body streams into a new typed table; 201 with the dataset. */
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "datasets:edit");
    const search = new URL(request.url).searchParams;
    const query = importQuery.safeParse({
      name: search.get("name") ?? undefined,
      key: search.get("key") ?? undefined,
      types: search.get("types") ?? undefined,
    });
    if (!query.success) throw validationError(query.error);
    requireCsv(request);
    const dataset = await importDataset(context.services, {
      projectId: params.projectId!,
      userId: auth.user.id,
      name: query.data.name,
      key: query.data.key,
      types: query.data.types,
      stream: request.body ?? [],
    });
    return json(dataset, 201);
  },
});

export const loader = handler;
export const action = handler;
