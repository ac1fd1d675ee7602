import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ImportForm } from "~/components/exchange/import-form";
import { Field, FormError, SubmitButton, TextAreaField } from "~/components/forms";
import { RoleBadge } from "~/components/role-badge";
import { loadDemoProject } from "~/lib/demo/load.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { requirePageAuth } from "~/lib/http/page.server";
import { createProject, listProjectsForUser } from "~/lib/services/projects.server";
import { createProjectSchema } from "~/lib/validation/schemas";

export const meta: MetaFunction = () => [{ title: "Projects · Thicket" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return {
    projects: await listProjectsForUser(context.services.db, user.id),
    importMegabytes: Math.floor(context.services.config.maxImportBytes / 1_048_576),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const form = await request.formData();
  if (form.get("intent") === "load-demo") {
    // Anyone signed in may create a project, so anyone may load the demo as its owner.
    const { projectId } = await loadDemoProject(context.services, user.id);
    return redirect(`/projects/${projectId}/matrix`);
  }
  try {
    const project = await createProject(context.services.db, user.id, parseForm(form, createProjectSchema));
    return redirect(`/projects/${project.id}`);
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function Projects() {
  const { projects, importMegabytes } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <div className="two-col">
      <section aria-labelledby="projects-heading">
        <div className="page-head">
          <div>
            <h1 id="projects-heading">Your projects</h1>
            <p>Projects you own or were invited to, with your role in each.</p>
          </div>
        </div>
        {projects.length === 0 ? (
          <div className="empty">
            <h2>No projects yet</h2>
            <p>Create your first project to start collecting and coding stories. You will be its owner.</p>
            <p>Or look around first: the demo is a contact centre’s customer stories and call notes, coded, beside the customers’ numbers.</p>
            <DemoButton />
          </div>
        ) : (
          <ul className="grid" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Projects">
            {projects.map((p) => (
              <li key={p.id}>
                <Link to={`/projects/${p.id}`} className="card project-card">
                  <h3>{p.name}</h3>
                  {p.description ? <p>{p.description.length > 160 ? `${p.description.slice(0, 160)}…` : p.description}</p> : null}
                  <span className="meta">
                    <RoleBadge role={p.role} />
                    {p.memberCount} member{p.memberCount === 1 ? "" : "s"}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="side-stack">
      <aside className="card" aria-labelledby="new-project-heading">
        <h2 id="new-project-heading">New project</h2>
        <Form method="post" className="form" noValidate>
          <FormError state={state} />
          <Field label="Name" name="name" required maxLength={200} placeholder="Why customers leave" state={state} />
          <TextAreaField
            label="Description (optional)"
            name="description"
            maxLength={5000}
            placeholder="What are you trying to understand, and with whom?"
            state={state}
          />
          <SubmitButton intent="create-project" pendingText="Creating…">
            Create project
          </SubmitButton>
        </Form>
        {projects.length > 0 ? (
          <div style={{ marginTop: 24, paddingTop: 16, borderTop: "1px solid var(--line)" }}>
            <h3>Want an example?</h3>
            <p className="meta">A generated contact-centre project: stories and call notes coded beside 400 customers’ numbers.</p>
            <DemoButton secondary />
          </div>
        ) : null}
      </aside>
      <aside className="card" aria-labelledby="import-project-heading">
        <h2 id="import-project-heading">Import a REFI-QDA project (.qdpx)</h2>
        <ImportForm maxMegabytes={importMegabytes} />
      </aside>
      </div>
    </div>
  );
}

/** Loads the demo project (a few seconds) and opens its matrix. */
function DemoButton({ secondary = false }: { secondary?: boolean }) {
  return (
    <Form method="post">
      <SubmitButton intent="load-demo" pendingText="Loading demo…" className={secondary ? "btn btn--secondary" : "btn"}>
        Load demo project
      </SubmitButton>
    </Form>
  );
}
