import { requireFormAccess } from "~/lib/auth/form-guard.server";
import { findMembershipRole } from "~/lib/auth/guards.server";
import { updateFormSchema } from "~/lib/contributions/form-fields";
import { getPublicForm, updateForm } from "~/lib/contributions/forms.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { HttpError, notFound, unauthorized } from "~/lib/http/errors.server";

const handler = apiRoute({
  /**
   * The form as a contributor sees it. A public form needs no credentials; a members-only form
   * needs a member of its project (any role), and to anyone else it does not exist. Closed is
   * said only after access is settled, so a stranger cannot learn that a staff form exists.
   */
  async GET({ params, context }) {
    const found = await getPublicForm(context.services, params.formId!);
    if (!found) throw notFound("Form not found.");
    const { projectId, ...form } = found;
    if (form.access === "members") {
      if (!context.auth) throw unauthorized("This form is for project members: log in to see it.");
      const role = await findMembershipRole(context.services.db, projectId, context.auth.user.id);
      if (!role) throw notFound("Form not found.");
    }
    if (form.status === "closed") {
      throw new HttpError(410, "form_closed", "This form is closed and no longer takes contributions.");
    }
    return json(form);
  },
  async PATCH({ request, params, context }) {
    const { auth } = await requireFormAccess(context, params.formId!, "forms:manage");
    const changes = await readJson(request, updateFormSchema, context.services.config.maxBodyBytes);
    return json(await updateForm(context.services, params.formId!, auth.user.id, changes));
  },
});

export const loader = handler;
export const action = handler;
