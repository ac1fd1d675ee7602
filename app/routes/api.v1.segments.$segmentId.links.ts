import { requireSegmentAccess } from "~/lib/auth/segment-guard.server";
import { linkCodeToSegment, linksForSegment } from "~/lib/datasets/links.server";
import { createLinkSchema } from "~/lib/datasets/segment-input";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireSegmentAccess(context, params.segmentId!, "documents:read");
    return json({ links: await linksForSegment(context.services, params.segmentId!) });
  },
  /** "This code explains this pattern": 201 with the link; 409 if the pair is already linked. */
  async POST({ request, params, context }) {
    const { auth, projectId } = await requireSegmentAccess(context, params.segmentId!, "segments:edit");
    const input = await readJson(request, createLinkSchema, context.services.config.maxBodyBytes);
    const link = await linkCodeToSegment(context.services, projectId, auth.user.id, { ...input, segmentId: params.segmentId! });
    return json(link, 201);
  },
});

export const loader = handler;
export const action = handler;
