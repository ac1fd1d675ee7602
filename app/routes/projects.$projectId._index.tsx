import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoleBadge, roleDescriptions } from "~/components/role-badge";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { listMemberNames } from "~/lib/services/members.server";
import { getProject } from "~/lib/services/projects.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, params.projectId!, "project:read");
    const [project, members] = await Promise.all([
      getProject(context.services.db, params.projectId!),
      listMemberNames(context.services.db, params.projectId!),
    ]);
    return { project: project!, role, members };
  });
}

export default function ProjectOverview() {
  const { project, role, members } = useLoaderData<typeof loader>();
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">About this project</h2>
        {project.description ? (
          <p style={{ whiteSpace: "pre-wrap" }}>{project.description}</p>
        ) : (
          <p className="meta">No description yet.{role === "owner" ? " Add one in Members & settings." : ""}</p>
        )}
        <p className="meta">Created {new Date(project.createdAt).toLocaleDateString("en-GB", { dateStyle: "long" })}</p>
        <h3>What your role lets you do</h3>
        <p>
          <RoleBadge role={role} /> {roleDescriptions[role]}
        </p>
      </section>
      <aside className="card" aria-labelledby="team-heading">
        <h2 id="team-heading">Team ({members.length})</h2>
        <ul style={{ listStyle: "none", padding: 0, margin: 0 }} className="stack">
          {members.map((m) => (
            <li key={m.userId} className="meta" style={{ justifyContent: "space-between" }}>
              <span style={{ color: "var(--ink)" }}>{m.name}</span>
              <RoleBadge role={m.role} />
            </li>
          ))}
        </ul>
        <p style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to={`/projects/${project.id}/settings`}>{role === "owner" ? "Manage members" : "See members"}</Link>
        </p>
      </aside>
    </div>
  );
}
