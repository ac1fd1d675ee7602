import { z } from "zod";
import { requireFindingAccess } from "~/lib/auth/finding-guard.server";
import { removeEvidence, updateEvidenceNote } from "~/lib/findings/evidence.server";
import { NOTE_MAX } from "~/lib/findings/finding-input";
import { apiRoute, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";

const noteSchema = z.strictObject({ note: z.string().trim().max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`) });

const handler = apiRoute({
  async PATCH({ request, params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:edit");
    const { note } = await readJson(request, noteSchema, context.services.config.maxBodyBytes);
    await updateEvidenceNote(context.services, params.findingId!, params.evidenceId!, auth.user.id, note);
    return noContent();
  },
  async DELETE({ params, context }) {
    const { auth } = await requireFindingAccess(context, params.findingId!, "findings:edit");
    await removeEvidence(context.services, params.findingId!, params.evidenceId!, auth.user.id);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
