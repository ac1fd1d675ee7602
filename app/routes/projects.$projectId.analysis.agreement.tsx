import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgreementForm } from "~/components/agreement/agreement-form";
import { AgreementTable } from "~/components/agreement/agreement-table";
import { DisagreementList } from "~/components/agreement/disagreement-list";
import { agreementPage } from "~/lib/agreement/agreement-page.server";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import agreementStyles from "~/styles/agreement.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agreementStyles }];

export const meta: MetaFunction = () => [{ title: "Inter-coder agreement · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "documents:read");
    return { projectId, data: await agreementPage(context.services, projectId, new URL(request.url).searchParams) };
  });
}

export default function AgreementPage() {
  const { projectId, data } = useLoaderData<typeof loader>();
  const { agreement, disagreements, chosen } = data;
  const names = chosen.coders.map((id) => data.coders.find((c) => c.id === id)?.name ?? "a former member");
  return (
    <section className="ag-page" aria-labelledby="ag-heading">
      <div className="section-head">
        <h2 id="ag-heading">Inter-coder agreement</h2>
        <p className="meta">How consistently coders applied the codebook to the same documents: per code and over all codes.</p>
      </div>
      <AgreementForm data={data} />
      {data.problem ? (
        <p className="alert alert--error" role="alert">
          {data.problem}
        </p>
      ) : data.needsCoders ? (
        <div className="empty" data-testid="agreement-empty">
          <h2>Choose at least two coders</h2>
          <p>Tick two or more coders above and press Compare to see how far they agree.</p>
        </div>
      ) : agreement && agreement.perCode.length === 0 ? (
        <div className="empty" data-testid="agreement-empty">
          <h2>Nothing to compare yet</h2>
          <p>
            {names.join(", ")} have not coded {chosen.documents.length > 0 ? "the chosen documents" : "any document"} yet. Codings
            appear here as soon as they are made in the <Link to={`/projects/${projectId}/documents`}>documents</Link>.
          </p>
        </div>
      ) : agreement ? (
        <>
          <p className="meta" data-testid="agreement-summary">
            {names.join(" and ")}, by {agreement.unit}
            {chosen.documents.length > 0 ? `, in ${chosen.documents.length} document${chosen.documents.length === 1 ? "" : "s"}` : ", in all documents"}.
          </p>
          <AgreementTable agreement={agreement} codes={data.codes} />
          {disagreements ? <DisagreementList projectId={projectId} data={data} page={disagreements} /> : null}
        </>
      ) : null}
    </section>
  );
}
