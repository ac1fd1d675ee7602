import { requireProjectAccess } from "~/lib/auth/guards.server";
import { createFormSchema } from "~/lib/contributions/form-fields";
import { createForm, listForms } from "~/lib/contributions/forms.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

/** The public link a form is shared by: absolute, so it can be pasted into an e-mail or a CRM. */
const publicUrl = (request: Request, formId: string) => `${new URL(request.url).origin}/f/${formId}`;

const handler = apiRoute({
  async GET({ request, params, context }) {
    await requireProjectAccess(context, params.projectId!, "forms:manage");
    const forms = await listForms(context.services, params.projectId!);
    return json({ forms: forms.map((form) => ({ ...form, url: publicUrl(request, form.id) })) });
  },
  async POST({ request, params, context }) {
    const { auth } = await requireProjectAccess(context, params.projectId!, "forms:manage");
    const input = await readJson(request, createFormSchema, context.services.config.maxBodyBytes);
    const form = await createForm(context.services, params.projectId!, auth.user.id, input);
    return json({ id: form.id, url: publicUrl(request, form.id) }, 201);
  },
});

export const loader = handler;
export const action = handler;
