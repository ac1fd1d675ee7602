import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { RoleBadge } from "~/components/role-badge";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { getProject } from "~/lib/services/projects.server";

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
        <NavLink to={`/projects/${project.id}/settings`}>Members &amp; settings</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
