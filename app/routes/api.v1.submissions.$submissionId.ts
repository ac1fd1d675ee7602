import { requireSubmissionAccess } from "~/lib/auth/submission-guard.server";
import { getSubmission, reviewSubmission } from "~/lib/contributions/inbox.server";
import { reviewSchema } from "~/lib/contributions/review-input";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  async GET({ params, context }) {
    await requireSubmissionAccess(context, params.submissionId!, "contributions:review");
    return json(await getSubmission(context.services, params.submissionId!));
  },
  /** Accept, reject (with the reason the contributor will read), move back to pending, or tag. */
  async PATCH({ request, params, context }) {
    const { auth } = await requireSubmissionAccess(context, params.submissionId!, "contributions:review");
    const input = await readJson(request, reviewSchema, context.services.config.maxBodyBytes);
    return json(await reviewSubmission(context.services, params.submissionId!, auth.user.id, input));
  },
});

export const loader = handler;
export const action = handler;
