import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readBodyText } from "~/lib/http/body.server";
import { HttpError } from "~/lib/http/errors.server";
import { applyCaseKeys } from "~/lib/services/case-keys.server";

/** Sets documents' case keys in bulk from a `document,caseKey` CSV (text/csv body). */
const handler = apiRoute({
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "documents:edit");
    const type = request.headers.get("content-type") ?? "";
    if (type !== "" && !/^text\/(csv|plain)\b/i.test(type)) {
      throw new HttpError(400, "invalid_content_type", "Send the CSV as the request body with Content-Type: text/csv.");
    }
    const csv = await readBodyText(request, context.services.config.maxBodyBytes);
    return json(await applyCaseKeys(context.services, params.projectId!, auth.user.id, csv));
  },
});

export const loader = handler;
export const action = handler;
