import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormBuilder } from "~/components/contributions/form-builder";
import { emptyDraft } from "~/components/contributions/form-builder-model";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { builderFailure } from "~/lib/contributions/builder-action.server";
import { createFormSchema } from "~/lib/contributions/form-fields";
import { createForm } from "~/lib/contributions/forms.server";
import { readJson } from "~/lib/http/body.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";

export const meta: MetaFunction = () => [{ title: "New form · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "forms:manage");
    return { projectId: params.projectId! };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePageAuth(request, context);
  try {
    const { auth } = await requireProjectAccess(context, params.projectId!, "forms:manage");
    const input = await readJson(request, createFormSchema, context.services.config.maxBodyBytes);
    const form = await createForm(context.services, params.projectId!, auth.user.id, input);
    return redirect(`/projects/${params.projectId}/contributions/forms?created=${form.id}`);
  } catch (err) {
    return builderFailure(err);
  }
}

export default function NewForm() {
  const { projectId } = useLoaderData<typeof loader>();
  return (
    <section className="card form-builder-card" aria-labelledby="new-form-heading">
      <div className="section-head">
        <h2 id="new-form-heading">New form</h2>
        <Link to={`/projects/${projectId}/contributions/forms`}>Back to forms</Link>
      </div>
      <FormBuilder initial={emptyDraft()} saveLabel="Create form" />
    </section>
  );
}
