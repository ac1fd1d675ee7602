import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { RoleBadge } from "~/components/role-badge";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { getProject } from "~/lib/services/projects.server";
import type { loader as rootLoader } from "../root";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.project.name} · Thicket` : "Project · Thicket" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, params.projectId!, "project:read");
    const project = await getProject(context.services.db, params.projectId!);
    return { project: project!, role };
  });
}

export default function ProjectLayout() {
  const { project, role } = useLoaderData<typeof loader>();
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user ?? null;
  // Contributors see only their own submissions, not the project's documents or codebook.
  const resource = { kind: "project" as const, projectId: project.id, role };
  const readsDocuments = can(user, "documents:read", resource);
  const reviewsContributions = can(user, "contributions:review", resource);
  const contributes = can(user, "contributions:submit", resource) && !reviewsContributions;
  const readsFindings = can(user, "findings:read", resource);
  const readsAudit = can(user, "audit:read", resource);
  const readsJobs = can(user, "jobs:read", resource);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{project.name}</h1>
          <span className="meta">
            Your role: <RoleBadge role={role} />
          </span>
        </div>
      </div>
      <nav className="tabs" aria-label="Project">
        <NavLink to={`/projects/${project.id}`} end>
          Overview
        </NavLink>
        {readsDocuments ? (
          <>
            <NavLink to={`/projects/${project.id}/documents`}>Documents</NavLink>
            <NavLink to={`/projects/${project.id}/codebook`}>Codebook</NavLink>
            <NavLink to={`/projects/${project.id}/data`}>Data &amp; segments</NavLink>
            <NavLink to={`/projects/${project.id}/matrix`}>Matrix</NavLink>
            <NavLink to={`/projects/${project.id}/analysis`}>Analysis</NavLink>
            <NavLink to={`/projects/${project.id}/search`}>Search</NavLink>
            <NavLink to={`/projects/${project.id}/rounds`}>Rounds</NavLink>
          </>
        ) : null}
        {readsFindings ? <NavLink to={`/projects/${project.id}/findings`}>Findings</NavLink> : null}
        {reviewsContributions ? <NavLink to={`/projects/${project.id}/contributions`}>Contributions</NavLink> : null}
        {contributes ? <NavLink to={`/projects/${project.id}/contribute`}>Contribute</NavLink> : null}
        {readsAudit ? <NavLink to={`/projects/${project.id}/audit`}>Audit log</NavLink> : null}
        {readsJobs ? <NavLink to={`/projects/${project.id}/jobs`}>Jobs</NavLink> : null}
        <NavLink to={`/projects/${project.id}/settings`}>Members &amp; settings</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
