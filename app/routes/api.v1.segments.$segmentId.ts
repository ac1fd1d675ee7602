import { requireSegmentAccess } from "~/lib/auth/segment-guard.server";
import { describeFilter } from "~/lib/datasets/filter";
import { linksForSegment } from "~/lib/datasets/links.server";
import { updateSegmentSchema } from "~/lib/datasets/segment-input";
import { deleteSegment, getSegment, updateSegment } from "~/lib/datasets/segments.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  /** API.md: `{id, name, datasetId, filter, size, stats}`, plus the comparison, a sentence and the links. */
  async GET({ params, context }) {
    await requireSegmentAccess(context, params.segmentId!, "documents:read");
    const segment = await getSegment(context.services, params.segmentId!);
    const links = await linksForSegment(context.services, segment.id);
    return json({ ...segment, description: describeFilter(segment.filter), links });
  },
  async PATCH({ request, params, context }) {
    await requireSegmentAccess(context, params.segmentId!, "segments:edit");
    const changes = await readJson(request, updateSegmentSchema, context.services.config.maxBodyBytes);
    return json(await updateSegment(context.services, params.segmentId!, changes));
  },
  async DELETE({ params, context }) {
    await requireSegmentAccess(context, params.segmentId!, "segments:edit");
    await deleteSegment(context.services, params.segmentId!);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
