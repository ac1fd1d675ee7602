import { submissionBodySchema } from "~/lib/contributions/submission-values";
import { submit } from "~/lib/contributions/submissions.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  /**
   * No credentials needed on a public form; the server's cross-site check still applies to
   * browsers. Only the envelope is checked here (400 if it is not one); consent, the honeypot
   * and each answer are checked by `submit`, whose 422s name the field. MAX_BODY_BYTES → 413.
   */
  async POST({ request, params, context }) {
    const input = await readJson(request, submissionBodySchema, context.services.config.maxBodyBytes);
    const receipt = await submit(
      context.services,
      params.formId!,
      input,
      { userId: context.auth?.user.id ?? null, ip: context.clientIp },
      new URL(request.url).origin,
    );
    return json(receipt, 201);
  },
});

export const loader = handler;
export const action = handler;
