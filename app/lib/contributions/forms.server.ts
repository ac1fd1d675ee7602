import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { FormAccess, FormField, FormStatus, SubmissionStatus } from "../../../db/kinds";
import { intakeFormVersions, intakeForms, projects, submissions } from "../../../db/schema";
import { findMembershipRole } from "../auth/guards.server";
import { HttpError, notFound, unauthorized } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { CreateFormInput, UpdateFormInput } from "./form-fields";

/** What a contributor sees before they fill a form in: the current version only. */
export interface PublicForm {
  id: string;
  projectName: string;
  title: string;
  prompt: string;
  consentText: string;
  fields: FormField[];
  access: FormAccess;
  status: FormStatus;
  version: number;
}

export type SubmissionCounts = Record<SubmissionStatus, number>;

export async function createForm(
  services: AppServices,
  projectId: string,
  userId: string,
  input: CreateFormInput,
): Promise<{ id: string; version: number }> {
  return services.db.transaction(async (tx) => {
    const [form] = await tx
      .insert(intakeForms)
      .values({ projectId, access: input.access, createdBy: userId })
      .returning({ id: intakeForms.id, version: intakeForms.currentVersion });
    await tx.insert(intakeFormVersions).values({
      formId: form!.id,
      version: form!.version,
      title: input.title,
      prompt: input.prompt,
      consentText: input.consentText,
      fields: input.fields,
      createdBy: userId,
    });
    return form!;
  });
}

/**
 * Applies an edit. Access and status belong to the form; title, prompt, consent and fields
 * belong to a version. Once the current version has submissions it is frozen: changing what
 * is asked makes a new version, so every submission keeps pointing at the questions its
 * contributor actually answered. Before any submission, the current version is edited in place
 * (a form being drafted does not pile up versions).
 */
export async function updateForm(
  services: AppServices,
  formId: string,
  userId: string,
  changes: UpdateFormInput,
): Promise<{ id: string; version: number; status: FormStatus }> {
  return services.db.transaction(async (tx) => {
    // The row lock makes concurrent edits take turns, so two of them cannot both create
    // "version n+1" (the unique index would reject the second) or both edit in place.
    const [form] = await tx.select().from(intakeForms).where(eq(intakeForms.id, formId)).for("update");
    if (!form) throw notFound("Form not found.");
    const [current] = await tx
      .select()
      .from(intakeFormVersions)
      .where(and(eq(intakeFormVersions.formId, formId), eq(intakeFormVersions.version, form.currentVersion)));
    if (!current) throw new Error(`Form ${formId} has no version ${form.currentVersion}.`);

    const content = {
      title: changes.title ?? current.title,
      prompt: changes.prompt ?? current.prompt,
      consentText: changes.consentText ?? current.consentText,
      fields: changes.fields ?? current.fields,
    };
    const contentChanged =
      content.title !== current.title ||
      content.prompt !== current.prompt ||
      content.consentText !== current.consentText ||
      JSON.stringify(content.fields) !== JSON.stringify(current.fields);

    let version = form.currentVersion;
    if (contentChanged) {
      const [answered] = await tx
        .select({ id: submissions.id })
        .from(submissions)
        .where(eq(submissions.formVersionId, current.id))
        .limit(1);
      if (answered) {
        version = form.currentVersion + 1;
        await tx.insert(intakeFormVersions).values({ formId, version, ...content, createdBy: userId });
      } else {
        await tx.update(intakeFormVersions).set(content).where(eq(intakeFormVersions.id, current.id));
      }
    }
    const [updated] = await tx
      .update(intakeForms)
      .set({
        currentVersion: version,
        access: changes.access ?? form.access,
        status: changes.status ?? form.status,
        updatedAt: new Date(),
      })
      .where(eq(intakeForms.id, formId))
      .returning({ id: intakeForms.id, version: intakeForms.currentVersion, status: intakeForms.status });
    return updated!;
  });
}

export async function setFormStatus(services: AppServices, formId: string, status: FormStatus): Promise<void> {
  const updated = await services.db
    .update(intakeForms)
    .set({ status, updatedAt: new Date() })
    .where(eq(intakeForms.id, formId))
    .returning({ id: intakeForms.id });
  if (updated.length === 0) throw notFound("Form not found.");
}

const noSubmissions = (): SubmissionCounts => ({ pending: 0, accepted: 0, rejected: 0, withdrawn: 0 });

/** The project's forms, newest first, each with its current title and its submissions by status. */
export async function listForms(services: AppServices, projectId: string) {
  const rows = await services.db
    .select({
      id: intakeForms.id,
      title: intakeFormVersions.title,
      access: intakeForms.access,
      status: intakeForms.status,
      version: intakeForms.currentVersion,
      createdAt: intakeForms.createdAt,
      updatedAt: intakeForms.updatedAt,
    })
    .from(intakeForms)
    .innerJoin(
      intakeFormVersions,
      and(eq(intakeFormVersions.formId, intakeForms.id), eq(intakeFormVersions.version, intakeForms.currentVersion)),
    )
    .where(eq(intakeForms.projectId, projectId))
    .orderBy(desc(intakeForms.createdAt), asc(intakeForms.id));
  const counts = await services.db
    .select({ formId: submissions.formId, status: submissions.status, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(eq(submissions.projectId, projectId))
    .groupBy(submissions.formId, submissions.status);
  const byForm = new Map<string, SubmissionCounts>();
  for (const { formId, status, n } of counts) {
    const entry = byForm.get(formId) ?? noSubmissions();
    entry[status] = n;
    byForm.set(formId, entry);
  }
  return rows.map((row) => ({ ...row, submissions: byForm.get(row.id) ?? noSubmissions() }));
}

/** Everything a form's managers see: the form and every version, oldest first, with its answer count. */
export async function getFormForManager(services: AppServices, formId: string) {
  const [form] = await services.db.select().from(intakeForms).where(eq(intakeForms.id, formId));
  if (!form) return null;
  const versions = await services.db
    .select({
      id: intakeFormVersions.id,
      version: intakeFormVersions.version,
      title: intakeFormVersions.title,
      prompt: intakeFormVersions.prompt,
      consentText: intakeFormVersions.consentText,
      fields: intakeFormVersions.fields,
      createdAt: intakeFormVersions.createdAt,
      // Spelled out: inside a select, drizzle would render the outer column as a bare "id".
      submissionCount: sql<number>`(select count(*)::int from ${submissions} s where s.form_version_id = "intake_form_versions"."id")`,
    })
    .from(intakeFormVersions)
    .where(eq(intakeFormVersions.formId, formId))
    .orderBy(asc(intakeFormVersions.version));
  return {
    id: form.id,
    projectId: form.projectId,
    access: form.access,
    status: form.status,
    currentVersion: form.currentVersion,
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
    versions,
  };
}

/**
 * The current version as a contributor sees it, or null for an unknown id. Who may see it
 * (public, members only, closed) is the caller's decision; `projectId` is returned for that
 * check and is not part of the public view.
 */
export async function getPublicForm(
  services: AppServices,
  formId: string,
): Promise<(PublicForm & { projectId: string }) | null> {
  const [row] = await services.db
    .select({
      id: intakeForms.id,
      projectId: intakeForms.projectId,
      projectName: projects.name,
      title: intakeFormVersions.title,
      prompt: intakeFormVersions.prompt,
      consentText: intakeFormVersions.consentText,
      fields: intakeFormVersions.fields,
      access: intakeForms.access,
      status: intakeForms.status,
      version: intakeForms.currentVersion,
    })
    .from(intakeForms)
    .innerJoin(projects, eq(projects.id, intakeForms.projectId))
    .innerJoin(
      intakeFormVersions,
      and(eq(intakeFormVersions.formId, intakeForms.id), eq(intakeFormVersions.version, intakeForms.currentVersion)),
    )
    .where(eq(intakeForms.id, formId));
  return row ?? null;
}

/**
 * The form as a contributor may see it. A public form needs no credentials; a members-only
 * form needs a member of its project (any role), and to anyone else it does not exist (404).
 * Closed (410) is said only after access is settled, so a stranger cannot learn that a staff
 * form exists.
 */
export async function viewableForm(services: AppServices, formId: string, userId: string | null): Promise<PublicForm> {
  const found = await getPublicForm(services, formId);
  if (!found) throw notFound("Form not found.");
  const { projectId, ...form } = found;
  if (form.access === "members") {
    if (!userId) throw unauthorized("This form is for project members: log in to see it.");
    const role = await findMembershipRole(services.db, projectId, userId);
    if (!role) throw notFound("Form not found.");
  }
  if (form.status === "closed") throw formClosed();
  return form;
}

export const formClosed = () => new HttpError(410, "form_closed", "This form is closed and no longer takes contributions.");
