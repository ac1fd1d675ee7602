import { requireFormAccess } from "~/lib/auth/form-guard.server";
import { updateFormSchema } from "~/lib/contributions/form-fields";
import { updateForm, viewableForm } from "~/lib/contributions/forms.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const handler = apiRoute({
  /** The form as a contributor sees it (see viewableForm for who may). */
  async GET({ params, context }) {
    return json(await viewableForm(context.services, params.formId!, context.auth?.user.id ?? null));
  },
  async PATCH({ request, params, context }) {
    const { auth } = await requireFormAccess(context, params.formId!, "forms:manage");
    const changes = await readJson(request, updateFormSchema, context.services.config.maxBodyBytes);
    return json(await updateForm(context.services, params.formId!, auth.user.id, changes));
  },
});

export const loader = handler;
export const action = handler;
