import { requireProjectAccess } from "~/lib/auth/guards.server";
import { requireCsv } from "~/lib/datasets/csv-request.server";
import { previewCsv } from "~/lib/datasets/preview.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readBodyText } from "~/lib/http/body.server";

const handler = apiRoute({
  /** The head of a CSV (the import screen sends the first few hundred KB): columns, types, rows. */
  async POST({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "datasets:edit");
    requireCsv(request);
    const head = await readBodyText(request, context.services.config.maxBodyBytes);
    return json(await previewCsv(head));
  },
});

export const loader = handler;
export const action = handler;
