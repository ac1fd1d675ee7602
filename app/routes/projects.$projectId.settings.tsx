import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { ExportPanel } from "~/components/exchange/export-panel";
import { failureFor, Field, FormError, SubmitButton, TextAreaField } from "~/components/forms";
import { MembersTable } from "~/components/members-table";
import { roleDescriptions } from "~/components/role-badge";
import { useResetOnSuccess, useSettledMessage } from "~/components/use-form-reset";
import { requireProjectAccess } from "~/lib/auth/guards.server";
import { can } from "~/lib/auth/permissions";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { addMember, changeMemberRole, listMembers, removeMember } from "~/lib/services/members.server";
import { deleteProject, getProject, updateProject } from "~/lib/services/projects.server";
import { addMemberSchema, createProjectSchema, updateMemberSchema } from "~/lib/validation/schemas";
import { projectRoles } from "../../db/roles";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return pageGuard(async () => {
    const { role } = await requireProjectAccess(context, params.projectId!, "members:read");
    const [project, members] = await Promise.all([
      getProject(context.services.db, params.projectId!),
      listMembers(context.services.db, params.projectId!, { userId: user.id, role }),
    ]);
    const resource = { kind: "project" as const, projectId: params.projectId!, role };
    return {
      project: project!,
      members,
      currentUserId: user.id,
      canManage: can(user, "members:manage", resource),
      canEdit: can(user, "project:update", resource),
      canDelete: can(user, "project:delete", resource),
      canExportProject: can(user, "project:export", resource),
      canReadDocuments: can(user, "documents:read", resource),
    };
  });
}

const userIdSchema = z.object({ userId: z.string().min(1) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const projectId = params.projectId!;
  const db = context.services.db;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "update-project": {
        await requireProjectAccess(context, projectId, "project:update");
        const input = parseForm(form, createProjectSchema);
        await updateProject(db, user.id, projectId, input);
        return { ok: true, intent, message: "Project details saved." };
      }
      case "invite": {
        await requireProjectAccess(context, projectId, "members:manage");
        const input = parseForm(form, addMemberSchema);
        await addMember(db, user.id, projectId, input);
        return { ok: true, intent, message: `${input.email} was added as ${input.role}.` };
      }
      case "change-role": {
        await requireProjectAccess(context, projectId, "members:manage");
        const { userId } = parseForm(form, userIdSchema);
        const { role } = parseForm(form, updateMemberSchema);
        await changeMemberRole(context.services, user.id, projectId, userId, role);
        return { ok: true, intent, message: `Role changed to ${role}.` };
      }
      case "remove-member": {
        await requireProjectAccess(context, projectId, "members:manage");
        const { userId } = parseForm(form, userIdSchema);
        await removeMember(context.services, user.id, projectId, userId);
        return { ok: true, intent, message: "Member removed." };
      }
      case "leave": {
        await requireProjectAccess(context, projectId, "project:leave");
        await removeMember(context.services, user.id, projectId, user.id);
        return redirect("/projects");
      }
      case "delete-project": {
        await requireProjectAccess(context, projectId, "project:delete");
        await deleteProject(db, projectId);
        return redirect("/projects");
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form, (e) => (intent === "invite" && e.status === 404 ? "email" : undefined));
  }
}

export default function ProjectSettings() {
  const { project, members, currentUserId, canManage, canEdit, canDelete, canExportProject, canReadDocuments } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const success = useSettledMessage(result);
  const inviteForm = useResetOnSuccess(result, "invite");
  const failure = failureFor(result);
  const inviteState = failureFor(result, "invite");
  const detailsState = failureFor(result, "update-project");
  const otherFailure = failure && failure !== inviteState && failure !== detailsState ? failure : undefined;
  return (
    <div className="two-col">
      <div>
        {success ? (
          <div className="alert alert--success" role="status">
            {success}
          </div>
        ) : null}
        <FormError state={otherFailure} summarize />
        <section className="card" aria-labelledby="members-heading">
          <h2 id="members-heading">Members</h2>
          <MembersTable members={members} currentUserId={currentUserId} canManage={canManage} />
        </section>
        {canManage ? (
          <section className="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invite someone</h2>
            <p className="meta">They need a Thicket account already. They will see the project as soon as you add them.</p>
            <Form method="post" className="form" noValidate ref={inviteForm}>
              <FormError state={inviteState} />
              <div className="form-row">
                <Field label="Email" name="email" type="email" required state={inviteState} />
                <div className="field" style={{ flex: "0 0 auto", minWidth: 160 }}>
                  <label htmlFor="invite-role">Role</label>
                  <select id="invite-role" name="role" defaultValue={inviteState?.values?.role ?? "coder"}>
                    {projectRoles.map((r) => (
                      <option key={r} value={r} title={roleDescriptions[r]}>
                        {r}
                      </option>
                    ))}
                  </select>
                </div>
                <SubmitButton intent="invite" pendingText="Adding…">
                  Add member
                </SubmitButton>
              </div>
            </Form>
          </section>
        ) : null}
      </div>
      <div>
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Project details</h2>
          {canEdit ? (
            <Form method="post" className="form" noValidate>
              <FormError state={detailsState} />
              <Field label="Name" name="name" required defaultValue={project.name} state={detailsState} />
              <TextAreaField label="Description" name="description" defaultValue={project.description} state={detailsState} />
              <SubmitButton intent="update-project" pendingText="Saving…" className="btn btn--secondary">
                Save details
              </SubmitButton>
            </Form>
          ) : (
            <p className="meta">Only owners can change the project's name and description.</p>
          )}
        </section>
        {canReadDocuments ? <ExportPanel projectId={project.id} canExportProject={canExportProject} /> : null}
        <section className="card danger-zone" aria-labelledby="danger-heading">
          <h2 id="danger-heading">Leave or delete</h2>
          <div className="button-row">
            <ConfirmDialog
              trigger="Leave project"
              triggerClassName="btn btn--secondary btn--small"
              title="Leave this project?"
              confirmLabel="Leave project"
              fields={{ intent: "leave" }}
            >
              <p>You will lose access at once. An owner can invite you back.</p>
            </ConfirmDialog>
            {canDelete ? (
              <ConfirmDialog
                trigger="Delete project"
                title="Delete this project?"
                confirmLabel="Delete forever"
                fields={{ intent: "delete-project" }}
                typeToConfirm={project.name}
              >
                <p>Everything in it is deleted for every member. This cannot be undone.</p>
              </ConfirmDialog>
            ) : null}
          </div>
        </section>
      </div>
    </div>
  );
}
