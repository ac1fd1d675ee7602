import { requireProjectAccess } from "~/lib/auth/guards.server";
import { createSegmentSchema } from "~/lib/datasets/segment-input";
import { createSegment, listSegments } from "~/lib/datasets/segments.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireProjectAccess(context, params.projectId!, "documents:read");
    return json({ segments: await listSegments(context.services, params.projectId!) });
  },
  /** API.md: 201 `{id, name, size}` (with the rest of the segment's numbers). */
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "segments:edit");
    const input = await readJson(request, createSegmentSchema, context.services.config.maxBodyBytes);
    return json(await createSegment(context.services, params.projectId!, auth.user.id, input), 201);
  },
});

export const loader = handler;
export const action = handler;
