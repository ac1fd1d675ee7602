import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { FindingFields } from "~/components/findings/finding-fields";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { validationError } from "~/lib/http/body.server";
import { createFindingSchema } from "~/lib/findings/finding-input";
import { createFinding } from "~/lib/findings/findings.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import findingStyles from "~/styles/findings.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingStyles }];

export const meta: MetaFunction = () => [{ title: "New finding · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "findings:edit");
    return { projectId: params.projectId! };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const form = await request.formData();
  try {
    await requireProjectAccess(context, projectId, "findings:edit");
    // Only the two fields: the schema is strict. A textarea sends CRLF; the claim keeps plain newlines.
    const claim = String(form.get("claim") ?? "").replace(/\r\n?/g, "\n");
    const parsed = createFindingSchema.safeParse({ title: String(form.get("title") ?? ""), claim });
    if (!parsed.success) throw validationError(parsed.error);
    const finding = await createFinding(context.services, projectId, user.id, parsed.data);
    return redirect(`/projects/${projectId}/findings/${finding.id}`);
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function NewFinding() {
  const { projectId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="fd-new" aria-labelledby="new-finding-heading">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${projectId}/findings`}>Findings</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <h2 id="new-finding-heading">New finding</h2>
      <p className="hint fd-new__intro">
        Say what you found in a sentence or two. Once it is saved you add its evidence — segments, codes and excerpts — and ask for
        review.
      </p>
      <Form method="post" className="card form" data-testid="new-finding-form">
        <FormError state={result} />
        <FindingFields state={result} />
        <div>
          <SubmitButton pendingText="Creating…" intent="create-finding">
            Create finding
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
