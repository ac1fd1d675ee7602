import { requireProjectAccess } from "~/lib/auth/guards.server";
import { createFindingSchema, findingStatusFilter } from "~/lib/findings/finding-input";
import { countFindings, createFinding, listFindings } from "~/lib/findings/findings.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson, validationError } from "~/lib/http/body.server";

const handler = apiRoute({
  /** `?status=draft|in_review|changes_requested|accepted` narrows the list; counts are per status. */
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "findings:read");
    const status = findingStatusFilter.safeParse(new URL(request.url).searchParams.get("status") ?? undefined);
    if (!status.success) throw validationError(status.error);
    const [findings, counts] = await Promise.all([
      listFindings(context.services, params.projectId!, status.data),
      countFindings(context.services, params.projectId!),
    ]);
    return json({ findings, counts });
  },
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "findings:edit");
    const input = await readJson(request, createFindingSchema, context.services.config.maxBodyBytes);
    return json(await createFinding(context.services, params.projectId!, auth.user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
