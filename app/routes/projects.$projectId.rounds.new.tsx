import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RoundForm } from "~/components/rounds/round-form";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { validationError } from "~/lib/http/body.server";
import { formFailure } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { createRoundSchema } from "~/lib/rounds/round-input";
import { createRound, roundCandidates } from "~/lib/rounds/rounds.server";
import roundStyles from "~/styles/rounds.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roundStyles }];

export const meta: MetaFunction = () => [{ title: "Start a coding round · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "rounds:manage");
    return { projectId: params.projectId!, ...(await roundCandidates(context.services, params.projectId!)) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const form = await request.formData();
  try {
    await requireProjectAccess(context, projectId, "rounds:manage");
    const parsed = createRoundSchema.safeParse({
      name: String(form.get("name") ?? ""),
      instructions: String(form.get("instructions") ?? "").replace(/\r\n?/g, "\n"),
      coderIds: form.getAll("coderIds").map(String),
      documentIds: form.getAll("documentIds").map(String),
    });
    if (!parsed.success) throw validationError(parsed.error);
    const round = await createRound(context.services, projectId, user.id, parsed.data);
    return redirect(`/projects/${projectId}/rounds/${round.id}`);
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function NewRound() {
  const { projectId, coders, documents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section aria-labelledby="new-round-heading">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={`/projects/${projectId}/rounds`}>Coding rounds</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <h2 id="new-round-heading">Start a coding round</h2>
      <RoundForm coders={coders} documents={documents} state={result} />
    </section>
  );
}
