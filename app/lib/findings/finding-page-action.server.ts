/**
 * The finding page's forms: one Remix action that dispatches on `intent` and calls the services
 * directly. Every form carries a hidden `target` naming itself, which comes back in the answer,
 * so the page shows an outcome next to the form that caused it (a page holds many similar forms:
 * a note and a comment form per piece of evidence).
 */
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { findingStatusLabels } from "../../../db/finding-kinds";
import { requireFindingAccess } from "../auth/finding-guard.server";
import type { PublicUser } from "../auth/session.server";
import type { ProjectAction } from "../auth/permissions";
import { validationError } from "../http/body.server";
import { HttpError, notFound } from "../http/errors.server";
import { formFailure } from "../http/forms.server";
import type { RequestContext } from "../services.server";
import { addComment } from "./comments.server";
import { addEvidence, removeEvidence, updateEvidenceNote } from "./evidence.server";
import { addEvidenceSchema, commentSchema, NOTE_MAX, transitionSchema, updateFindingSchema } from "./finding-input";
import { deleteFinding, updateFinding } from "./findings.server";
import { publishFinding, unpublishFinding } from "./public-link.server";
import { transitionFinding } from "./review.server";

export interface FindingActionSuccess {
  ok: true;
  intent: string;
  target: string;
  message: string;
  /** Only after "publish": the public link, shown once. */
  url?: string;
}

/** A browser's textarea sends CRLF; the claim is stored with plain newlines so diffs stay quiet. */
const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : undefined;
};

/** Only the named fields that were sent (not intent or target, which the strict schemas refuse). */
function pick(form: FormData, names: string[], { dropEmpty = false } = {}) {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = text(form, name);
    if (value !== undefined && !(dropEmpty && value === "")) out[name] = value;
  }
  return out;
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const evidenceField = { segment: "segmentId", code: "codeId", excerpt: "codingId" } as const;
const chooseFirst = { segment: "Choose a segment first.", code: "Choose a code first.", excerpt: "Choose an excerpt first." } as const;

function evidenceInput(form: FormData) {
  const kind = text(form, "kind");
  if (kind !== "segment" && kind !== "code" && kind !== "excerpt") {
    throw new HttpError(400, "invalid_request", "Say what kind of evidence to add.");
  }
  const field = evidenceField[kind];
  if (!text(form, field)) throw new HttpError(422, "invalid_request", chooseFirst[kind], {}, { [field]: chooseFirst[kind] });
  return parse(addEvidenceSchema, { kind, ...pick(form, [field]), ...pick(form, ["note"], { dropEmpty: true }) });
}

function moveInput(form: FormData) {
  const raw: Record<string, unknown> = pick(form, ["to", "note"], { dropEmpty: true });
  // The checklist was on screen: nothing ticked means nobody, not "the default reviewers".
  if (form.has("reviewersShown")) raw.reviewerIds = form.getAll("reviewerIds").map(String);
  return parse(transitionSchema, raw);
}

const messages: Record<string, string> = {
  "update-finding": "Saved.",
  "add-evidence": "Evidence added.",
  "remove-evidence": "Evidence removed.",
  "update-note": "Note saved.",
  comment: "Comment posted.",
  unpublish: "The public link is turned off.",
};

/** Which input an error belongs to, so it shows beside it. */
function fieldFor(intent: string, form: FormData) {
  return (err: HttpError) => {
    if (intent === "add-evidence" && !err.fields) {
      const kind = text(form, "kind");
      return kind === "segment" || kind === "code" || kind === "excerpt" ? evidenceField[kind] : undefined;
    }
    if (intent === "update-note" && err.code === "invalid_request") return "note";
    return undefined;
  };
}

export async function findingPageAction(context: RequestContext, request: Request, projectId: string, findingId: string, user: PublicUser) {
  const form = await request.formData();
  const intent = text(form, "intent") ?? "";
  const target = text(form, "target") ?? intent;
  const { services } = context;
  const access = async (action: ProjectAction) => {
    const found = await requireFindingAccess(context, findingId, action);
    if (found.projectId !== projectId) throw notFound("Finding not found.");
    return found;
  };
  const done = (message = messages[intent] ?? "Done.", extra: Partial<FindingActionSuccess> = {}): FindingActionSuccess => ({
    ok: true,
    intent,
    target,
    message,
    ...extra,
  });
  try {
    switch (intent) {
      case "update-finding": {
        await access("findings:edit");
        await updateFinding(services, findingId, user.id, parse(updateFindingSchema, pick(form, ["title", "claim"])));
        return done();
      }
      case "add-evidence": {
        await access("findings:edit");
        await addEvidence(services, findingId, projectId, user.id, evidenceInput(form));
        return done();
      }
      case "remove-evidence": {
        await access("findings:edit");
        await removeEvidence(services, findingId, text(form, "evidenceId") ?? "", user.id);
        return done();
      }
      case "update-note": {
        await access("findings:edit");
        const note = (text(form, "note") ?? "").trim();
        if (note.length > NOTE_MAX) throw new HttpError(422, "invalid_request", `Keep the note under ${NOTE_MAX} characters.`);
        await updateEvidenceNote(services, findingId, text(form, "evidenceId") ?? "", user.id, note);
        return done();
      }
      case "transition": {
        // Who may make which move is the workflow's rule, checked by the service.
        const { role } = await access("findings:read");
        const input = moveInput(form);
        const after = await transitionFinding(services, findingId, { id: user.id, name: user.name, role }, input);
        return done(`The finding is now “${findingStatusLabels[after.status]}”.`);
      }
      case "comment": {
        await access("findings:read");
        const input = parse(commentSchema, pick(form, ["body", "evidenceId", "parentId"], { dropEmpty: true }));
        await addComment(services, findingId, { id: user.id, name: user.name }, input);
        return done();
      }
      case "publish": {
        await access("findings:publish");
        const { url } = await publishFinding(services, findingId, user.id, new URL(request.url).origin);
        return done("Public link created. Copy it now: it is shown only once.", { url });
      }
      case "unpublish": {
        await access("findings:publish");
        await unpublishFinding(services, findingId, user.id);
        return done();
      }
      case "delete-finding": {
        await access("findings:edit");
        await deleteFinding(services, findingId, user.id);
        return redirect(`/projects/${projectId}/findings`);
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form, fieldFor(intent, form));
  }
}
