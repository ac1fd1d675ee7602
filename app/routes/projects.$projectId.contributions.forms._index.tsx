import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CopyLink } from "~/components/contributions/copy-link";
import { plural } from "~/components/documents/document-table";
import { LocalTime } from "~/components/documents/local-time";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { listForms } from "~/lib/contributions/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";

export const meta: MetaFunction = () => [{ title: "Forms · Thicket" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    await requireProjectAccess(context, params.projectId!, "forms:manage");
    const origin = new URL(request.url).origin;
    const forms = await listForms(context.services, params.projectId!);
    return { projectId: params.projectId!, forms: forms.map((f) => ({ ...f, url: `${origin}/f/${f.id}` })) };
  });
}

export default function FormsList() {
  const { projectId, forms } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const created = forms.find((f) => f.id === search.get("created"));
  const base = `/projects/${projectId}/contributions`;
  const newForm = (
    <Link to={`${base}/forms/new`} className="btn">
      New form
    </Link>
  );
  return (
    <section aria-labelledby="forms-heading">
      <div className="section-head">
        <h2 id="forms-heading">Forms</h2>
        {forms.length > 0 ? newForm : null}
      </div>
      {created ? (
        <div className="alert alert--success" role="status">
          “{created.title}” is ready. Share its link: <CopyLink url={created.url} />
        </div>
      ) : null}
      {forms.length === 0 ? (
        <div className="empty">
          <h3>No forms yet</h3>
          <p>
            A form asks contact-centre staff or the public for a story or an observation, with their consent. What they
            send is masked for personal details and arrives in the inbox.
          </p>
          {newForm}
        </div>
      ) : (
        <ul className="form-list">
          {forms.map((f) => (
            <li key={f.id} className="card form-card" data-testid="form-card">
              <div className="form-card__head">
                <h3>
                  <Link to={`${base}/forms/${f.id}`}>{f.title}</Link>
                </h3>
                <span className={`status-pill status-pill--${f.status === "open" ? "accepted" : "withdrawn"}`}>
                  {f.status === "open" ? "Open" : "Closed"}
                </span>
                <span className="badge">{f.access === "public" ? "Public link" : "Members only"}</span>
              </div>
              <p className="meta">
                Version {f.version} · updated <LocalTime value={f.updatedAt} />
              </p>
              <p className="meta">
                <Link to={`${base}?status=pending&form=${f.id}`}>{plural(f.submissions.pending, "waiting", "waiting")}</Link>
                <span>·</span>
                <span>{plural(f.submissions.accepted, "accepted", "accepted")}</span>
                <span>·</span>
                <span>{plural(f.submissions.rejected, "rejected", "rejected")}</span>
                <span>·</span>
                <span>{plural(f.submissions.withdrawn, "withdrawn", "withdrawn")}</span>
              </p>
              <CopyLink url={f.url} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
