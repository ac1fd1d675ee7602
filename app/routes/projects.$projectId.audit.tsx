import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuditFilter } from "~/components/audit/audit-filter";
import { AuditTable } from "~/components/audit/audit-table";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { validationError } from "~/lib/http/body.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { auditKinds, isAuditKind } from "~/lib/services/audit-describe";
import { auditQuery, listAudit } from "~/lib/services/audit-log.server";
import { auditNames } from "~/lib/services/audit-names.server";
import auditStyles from "~/styles/audit.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: auditStyles }];

export const meta: MetaFunction = () => [{ title: "Audit log · Thicket" }];

const PAGE = 50;

/** Owners only: `?kind=` narrows to one kind of event, `?before=<id>` pages back. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const projectId = params.projectId!;
  return pageGuard(async () => {
    await requireProjectAccess(context, projectId, "audit:read");
    const search = new URL(request.url).searchParams;
    const kindParam = search.get("kind");
    const kind = isAuditKind(kindParam) ? kindParam : null;
    const query = auditQuery.safeParse({ before: search.get("before") || undefined, limit: PAGE });
    if (!query.success) throw validationError(query.error);
    const { db } = context.services;
    const page = await listAudit(db, projectId, { ...query.data, actions: kind ? auditKinds[kind].actions : undefined });
    return { projectId, kind, paged: Boolean(query.data.before), ...page, names: await auditNames(db, projectId, page.events) };
  });
}

export default function AuditPage() {
  const { projectId, kind, paged, events, next, names } = useLoaderData<typeof loader>();
  const base = `/projects/${projectId}/audit`;
  const withKind = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ ...(kind ? { kind } : {}), ...extra }).toString();
    return q ? `${base}?${q}` : base;
  };
  return (
    <section aria-labelledby="audit-heading">
      <div className="section-head">
        <h2 id="audit-heading">Audit log</h2>
        <span className="meta">Who changed membership, decided on findings, shared, withdrew, redacted or exported, newest first.</span>
      </div>
      <AuditFilter action={base} kind={kind} />
      {events.length === 0 ? (
        <p className="doc-none" data-testid="audit-empty">
          {paged ? "No older events." : kind ? "No events of this kind yet." : "Nothing has been recorded yet."}
        </p>
      ) : (
        <AuditTable events={events} names={names} />
      )}
      <nav className="audit-paging" aria-label="Audit log pages">
        {paged ? <Link to={withKind()}>Newest</Link> : null}
        {next ? (
          <Link to={withKind({ before: next })} rel="next" data-testid="audit-older">
            Older
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
