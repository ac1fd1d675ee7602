import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CopyLink } from "~/components/contributions/copy-link";
import { FormBuilder } from "~/components/contributions/form-builder";
import { draftFrom } from "~/components/contributions/form-builder-model";
import { FormStatusToggle } from "~/components/contributions/form-status-toggle";
import { LocalTime } from "~/components/documents/local-time";
import { plural } from "~/components/documents/document-table";
import { requireFormAccess } from "~/lib/auth/form-guard.server";
import { builderFailure } from "~/lib/contributions/builder-action.server";
import { updateFormSchema } from "~/lib/contributions/form-fields";
import { getFormForManager, setFormStatus, updateForm } from "~/lib/contributions/forms.server";
import { readJson } from "~/lib/http/body.server";
import { notFound } from "~/lib/http/errors.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import type { RequestContext } from "~/lib/services.server";

export const meta: MetaFunction = () => [{ title: "Edit form · Thicket" }];

async function managed(context: RequestContext, projectId: string, formId: string) {
  const access = await requireFormAccess(context, formId, "forms:manage");
  if (access.projectId !== projectId) throw notFound("Form not found.");
  return access;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await managed(context, params.projectId!, params.formId!);
    const form = (await getFormForManager(context.services, params.formId!))!;
    const current = form.versions.find((v) => v.version === form.currentVersion)!;
    return {
      projectId: params.projectId!,
      form,
      current,
      publicUrl: `${new URL(request.url).origin}/f/${form.id}`,
    };
  });
}

/** JSON from the builder saves the questions; a plain form post opens or closes the form. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const back = `/projects/${params.projectId}/contributions/forms/${params.formId}`;
  try {
    await managed(context, params.projectId!, params.formId!);
    if (request.headers.get("content-type")?.includes("application/json")) {
      const changes = await readJson(request, updateFormSchema, context.services.config.maxBodyBytes);
      const saved = await updateForm(context.services, params.formId!, user.id, changes);
      return redirect(`${back}?saved=${saved.version}`);
    }
    const status = (await request.formData()).get("status");
    await setFormStatus(context.services, params.formId!, status === "closed" ? "closed" : "open");
    return redirect(back);
  } catch (err) {
    return builderFailure(err);
  }
}

export default function EditForm() {
  const { projectId, form, current, publicUrl } = useLoaderData<typeof loader>();
  const answered = current.submissionCount > 0;
  const [search] = useSearchParams();
  const saved = search.get("saved");
  return (
    <div className="two-col">
      <section className="card form-builder-card" aria-labelledby="edit-form-heading">
        <div className="section-head">
          <h2 id="edit-form-heading">Edit “{current.title}”</h2>
          <Link to={`/projects/${projectId}/contributions/forms`}>Back to forms</Link>
        </div>
        {saved ? (
          <div className="alert alert--success" role="status">
            Saved{saved === String(form.currentVersion) && form.versions.length > 1 ? ` as version ${saved}` : ""}.
          </div>
        ) : null}
        <FormBuilder
          key={`${form.id}-${form.currentVersion}-${form.updatedAt}`}
          initial={draftFrom({ ...current, access: form.access })}
          saveLabel="Save changes"
          note={
            answered
              ? `Version ${current.version} has ${plural(current.submissionCount, "contribution")}. Changing the questions, prompt or consent makes version ${current.version + 1}; what was sent before keeps the questions it answered.`
              : undefined
          }
        />
      </section>
      <aside>
        <section className="card" aria-labelledby="share-heading">
          <h2 id="share-heading">Share</h2>
          <p className="meta">{form.access === "public" ? "Anyone with this link can contribute, without an account." : "Members of this project with the contributor role can contribute after logging in."}</p>
          <CopyLink url={publicUrl} />
          <p>
            <a href={publicUrl} target="_blank" rel="noreferrer">
              Open the form
            </a>
          </p>
          <FormStatusToggle status={form.status} />
        </section>
        <section className="card" aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          <ol className="versions">
            {[...form.versions].reverse().map((v) => (
              <li key={v.id}>
                <strong>Version {v.version}</strong>
                {v.version === form.currentVersion ? <span className="badge">current</span> : null}
                <span className="meta">
                  <LocalTime value={v.createdAt} /> · {plural(v.fields.length, "question")} · {plural(v.submissionCount, "contribution")}
                </span>
              </li>
            ))}
          </ol>
        </section>
      </aside>
    </div>
  );
}
