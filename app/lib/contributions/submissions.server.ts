import { and, eq, type SQL } from "drizzle-orm";
import type { FormField } from "../../../db/kinds";
import { codings, documents, intakeFormVersions, intakeForms, memos, submissions } from "../../../db/schema";
import { hashToken } from "../auth/crypto.server";
import { findMembershipRole } from "../auth/guards.server";
import { can } from "../auth/permissions";
import { forbidden, HttpError, notFound, unauthorized } from "../http/errors.server";
import { consume } from "../rate-limit.server";
import { scrubQuotesOf } from "../findings/scrub.server";
import { recordAudit } from "../services/audit.server";
import { createDocument } from "../services/documents.server";
import type { AppServices } from "../services.server";
import { formClosed } from "./forms.server";
import { redactValues, submissionDocument } from "./submission-document";
import { checkValues } from "./submission-values";

export interface SubmissionInput {
  /** Must be literally `true`; anything else, or nothing, is a 422. */
  consent?: unknown;
  values: Record<string, unknown>;
  /** The honeypot: a field people never see, so only a bot fills it in. */
  website?: unknown;
}

export interface Submitter {
  /** Null for an anonymous contributor on a public form. */
  userId: string | null;
  ip: string;
}

export interface SubmissionReceipt {
  documentId: string;
  receipt: { token: string; url: string };
}

export const receiptNotFound = () =>
  new HttpError(404, "receipt_not_found", "This receipt link is not valid. Check that it was copied whole.");

/** 256 random bits, URL-safe: the contributor's only key to their submission; guessing it is hopeless. */
function newReceiptToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64url");
}

/** The form with the version new submissions answer. */
async function findOpenableForm(services: AppServices, formId: string) {
  const [form] = await services.db
    .select({
      projectId: intakeForms.projectId,
      access: intakeForms.access,
      status: intakeForms.status,
      versionId: intakeFormVersions.id,
      title: intakeFormVersions.title,
      fields: intakeFormVersions.fields,
    })
    .from(intakeForms)
    .innerJoin(
      intakeFormVersions,
      and(eq(intakeFormVersions.formId, intakeForms.id), eq(intakeFormVersions.version, intakeForms.currentVersion)),
    )
    .where(eq(intakeForms.id, formId));
  return form ?? null;
}

/**
 * A members-only form takes contributions from members whose role may submit; to anyone
 * outside the project it does not exist (404), as for every other project resource.
 */
async function requireSubmitter(services: AppServices, projectId: string, userId: string | null) {
  if (!userId) throw unauthorized("This form is for project members: log in to contribute.");
  const role = await findMembershipRole(services.db, projectId, userId);
  if (!role) throw notFound("Form not found.");
  if (!can({ id: userId }, "contributions:submit", { kind: "project", projectId, role })) {
    throw forbidden(`Your role (${role}) cannot contribute through forms in this project.`);
  }
}

/** A title a coder can tell apart in the document list: the form's title and when it arrived. */
const documentTitle = (formTitle: string, at: Date) => `${formTitle} · ${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Takes one contribution: checks access, consent and every answer, masks personal details,
 * and creates the document and the submission. Only masked text is ever written: the
 * unmasked answers live in this function's memory and nowhere else (not in the database, not
 * in the Y.Doc log, not in logs or error messages).
 */
export async function submit(
  services: AppServices,
  formId: string,
  input: SubmissionInput,
  submitter: Submitter,
  origin: string,
): Promise<SubmissionReceipt> {
  // The per-IP limit comes first and counts every attempt, so a flood of invalid bodies is
  // throttled as well; the per-form limit needs to know the form exists.
  await consume([services.limiters.submitPerIp, submitter.ip]);
  const form = await findOpenableForm(services, formId);
  if (!form) throw notFound("Form not found.");
  if (form.access === "members") await requireSubmitter(services, form.projectId, submitter.userId);
  if (form.status === "closed") throw formClosed();
  await consume([services.limiters.submitPerForm, formId]);

  if (input.website !== undefined && input.website !== null && input.website !== "") {
    // Neutral on purpose: a bot learns nothing about which field gave it away.
    throw new HttpError(422, "invalid_submission", "This submission could not be accepted.");
  }
  if (input.consent !== true) {
    throw new HttpError(422, "consent_required", "Tick the consent box to send your contribution: we need your agreement to keep it.");
  }
  const fields: FormField[] = form.fields;
  const checked = checkValues(fields, input.values);
  if (!checked.ok) {
    // An answer over its size limit is a 413 (every problem still named in `fields`).
    const [name, message] = Object.entries(checked.errors).find(([n]) => checked.oversized.includes(n)) ?? Object.entries(checked.errors)[0]!;
    const tooLarge = checked.oversized.length > 0;
    throw new HttpError(tooLarge ? 413 : 422, tooLarge ? "field_too_large" : "invalid_field", `${name}: ${message}`, {}, checked.errors);
  }

  const stored = redactValues(fields, checked.values, checked.people);
  const laidOut = submissionDocument(fields, stored);
  const now = new Date();
  const token = newReceiptToken();
  // One transaction: a document without its submission could never be withdrawn.
  const doc = await services.db.transaction(async (tx) => {
    const created = await createDocument(
      services,
      form.projectId,
      submitter.userId,
      { title: documentTitle(form.title, now), kind: laidOut.kind, text: laidOut.text, caseKey: laidOut.caseKey, attributes: laidOut.attributes },
      tx,
    );
    await tx.insert(submissions).values({
      projectId: form.projectId,
      formId,
      formVersionId: form.versionId,
      documentId: created.id,
      submitterId: submitter.userId,
      receiptTokenHash: hashToken(token),
      status: "pending",
      values: stored,
      submittedAt: now,
    });
    return created;
  });
  return { documentId: doc.id, receipt: { token, url: `${origin}/receipts/${token}` } };
}

export const byToken = (token: string) => eq(submissions.receiptTokenHash, hashToken(token));

/**
 * Takes a contribution back. One transaction removes the document with its codings and the
 * memos on it (memos point at documents without a foreign key, so they are removed here),
 * blanks the stored answers and marks the submission withdrawn (`decidedAt` is when), and
 * audits the withdrawal with ids only. The row stays, so the receipt can say "withdrawn".
 * The live Y.Doc and its update log go after the commit, as deleteDocument does it: erasing
 * the log of a document whose deletion then rolled back would lose its text.
 */
export function withdraw(services: AppServices, token: string, actorId: string | null = null): Promise<void> {
  return withdrawWhere(services, byToken(token), actorId, receiptNotFound);
}

/** A signed-in contributor takes back one of their own submissions ("My contributions"). */
export function withdrawOwn(services: AppServices, submissionId: string, userId: string): Promise<void> {
  return withdrawWhere(
    services,
    and(eq(submissions.id, submissionId), eq(submissions.submitterId, userId))!,
    userId,
    () => notFound("Contribution not found."),
  );
}

async function withdrawWhere(services: AppServices, which: SQL, actorId: string | null, missing: () => HttpError) {
  const documentId = await services.db.transaction(async (tx) => {
    // The lock makes two withdrawals at once take turns: the second sees "withdrawn".
    const [row] = await tx
      .select({
        id: submissions.id,
        projectId: submissions.projectId,
        formId: submissions.formId,
        documentId: submissions.documentId,
        status: submissions.status,
      })
      .from(submissions)
      .where(which)
      .for("update");
    if (!row) throw missing();
    if (row.status === "withdrawn") {
      throw new HttpError(410, "already_withdrawn", "This contribution has already been withdrawn. Nothing more to do.");
    }
    if (row.documentId) {
      await scrubQuotesOf(tx, row.documentId, "withdrawn");
      await tx.delete(codings).where(eq(codings.documentId, row.documentId));
      await tx.delete(memos).where(and(eq(memos.targetType, "document"), eq(memos.targetId, row.documentId)));
      await tx.delete(documents).where(eq(documents.id, row.documentId));
    }
    await tx
      .update(submissions)
      .set({ status: "withdrawn", values: {}, documentId: null, decidedAt: new Date() })
      .where(eq(submissions.id, row.id));
    await recordAudit(tx, {
      projectId: row.projectId,
      actorId,
      action: "contribution.withdrawn",
      detail: { submissionId: row.id, formId: row.formId },
    });
    return row.documentId;
  });
  if (documentId) await services.collab.forget(documentId);
}
