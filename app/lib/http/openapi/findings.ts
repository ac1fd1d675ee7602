/** Findings, their evidence and council review; notifications; the project's audit log. */
import { z } from "zod";
import { evidenceKinds, findingStatuses, notificationKinds } from "../../../../db/finding-kinds";
import {
  EVIDENCE_MAX,
  NOTE_MAX,
  addEvidenceSchema,
  commentSchema,
  createFindingSchema,
  transitionSchema,
  updateFindingSchema,
} from "../../findings/finding-input";
import { arrayOf, body, errors, ok, pathParam, projectPath, queryParam, ref } from "./helpers";

const str = { type: "string" };
const time = { type: "string", format: "date-time" };
const int = { type: "integer" };
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] });
const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: "object", properties, required });
const status = { type: "string", enum: [...findingStatuses] };
const failure = (status: number, description: string) => ({
  [String(status)]: { description, content: { "application/json": { schema: ref("Error") } } },
});

// The evidence-note and notification bodies are declared inline in their routes; these are the same rules.
const noteSchema = z.strictObject({ note: z.string().trim().max(NOTE_MAX) });
const readSchema = z.strictObject({ ids: z.array(z.string().min(1).max(100)).max(500).optional() });

export const findingSchemas = {
  Person: object({ id: str, name: str }),
  FindingStatus: status,
  FindingSummary: object({
    id: str,
    projectId: str,
    title: str,
    status: ref("FindingStatus"),
    version: { type: "integer", description: "The working copy's version; it becomes this number when accepted" },
    acceptedVersion: nullable(int),
    evidenceCount: int,
    createdBy: nullable(ref("Person")),
    createdAt: time,
    updatedAt: time,
  }),
  Finding: {
    allOf: [
      ref("FindingSummary"),
      object({
        claim: str,
        evidence: { type: "array", items: ref("Evidence") },
        reviewers: { type: "array", items: object({ id: str, name: str, requestedAt: time }) },
        published: { type: "boolean", description: "Whether a public link is on" },
      }),
    ],
  },
  Evidence: {
    description: `One of a finding's pieces of evidence, at most ${EVIDENCE_MAX}. \`label\` is the name it had when chosen.`,
    oneOf: [ref("SegmentEvidence"), ref("CodeEvidence"), ref("ExcerptEvidence")],
    discriminator: { propertyName: "kind" },
  },
  SegmentEvidence: object({
    id: str,
    kind: { const: "segment" },
    note: str,
    label: str,
    segment: nullable({
      ...object({
        id: str,
        name: str,
        datasetId: str,
        datasetName: str,
        size: int,
        datasetRows: int,
        description: { type: "string", description: "The filter as a sentence" },
        comparison: { type: "array", items: ref("SegmentComparison") },
      }),
      description: "null once the segment is deleted",
    }),
  }),
  CodeEvidence: object({
    id: str,
    kind: { const: "code" },
    note: str,
    label: str,
    code: nullable(object({ id: str, name: str, color: str, description: str })),
    counts: object({
      codings: int,
      documents: int,
      projectDocuments: { type: "integer", description: "Documents in the analysis (not rejected, not withdrawn)" },
      bySegment: { type: "array", items: object({ segmentId: str, codings: int, documents: int, cases: int }) },
    }),
  }),
  ExcerptEvidence: object({
    id: str,
    kind: { const: "excerpt" },
    note: str,
    label: str,
    state: {
      type: "string",
      enum: ["current", "changed", "removed", "redacted", "withdrawn"],
      description:
        "changed: the coded text changed since it was chosen (both shown); removed: the coding was deleted (the saved quote is shown); " +
        "redacted / withdrawn: the saved quote was cleared",
    },
    codingId: str,
    documentId: nullable(str),
    documentTitle: nullable(str),
    code: nullable(object({ id: str, name: str, color: str })),
    quote: { type: "string", description: "What readers see: the coding's text now, or the saved quote once the coding is gone" },
    savedQuote: { ...nullable(str), description: "The quote when it was chosen, only when it differs from `quote`" },
    start: nullable(int),
    end: nullable(int),
    codeCounts: nullable(object({ codings: int, documents: int, projectDocuments: int })),
  }),
  Transition: object({ id: str, from: ref("FindingStatus"), to: ref("FindingStatus"), version: int, note: str, actor: nullable(ref("Person")), createdAt: time }),
  Comment: object({
    id: str,
    evidenceId: nullable(str),
    parentId: nullable(str),
    version: { type: "integer", description: "The finding's version when it was written" },
    body: str,
    author: nullable(ref("Person")),
    createdAt: time,
  }),
  Thread: { allOf: [ref("Comment"), object({ replies: { type: "array", items: ref("Comment") } })] },
  FindingVersion: object({
    version: int,
    title: str,
    claim: str,
    evidence: { type: "array", items: ref("Evidence"), description: "Frozen as readers saw it when accepted" },
    acceptedBy: nullable(ref("Person")),
    acceptedAt: time,
  }),
  TextChange: object({ kind: { type: "string", enum: ["same", "added", "removed"] }, text: str }),
  FindingDiff: object({
    from: int,
    to: { oneOf: [int, { const: "current" }], description: "An accepted version, or the working copy" },
    title: { type: "array", items: ref("TextChange") },
    claim: { type: "array", items: ref("TextChange"), description: "Word by word" },
    evidence: {
      type: "array",
      items: object({
        kind: { type: "string", enum: ["added", "removed", "changed"] },
        what: { type: "string", enum: [...evidenceKinds] },
        label: str,
        details: { type: "array", items: str, description: "For changed: a sentence per difference" },
      }),
    },
  }),
  PublicFinding: object({
    title: str,
    claim: str,
    version: int,
    acceptedAt: time,
    evidence: {
      type: "array",
      items: ref("Evidence"),
      description:
        "The latest accepted version's evidence without the ids of codings, documents and codes; segments get stand-in ids " +
        "(segment-1…) so a code's counts per segment still say which segment they are",
    },
  }),
  Notification: object({
    id: str,
    kind: { type: "string", enum: [...notificationKinds] },
    message: str,
    projectId: str,
    projectName: str,
    findingId: nullable(str),
    url: { type: "string", description: "Where clicking it goes (a page path)" },
    read: { type: "boolean" },
    createdAt: time,
  }),
  AuditEntry: object({ id: str, action: str, actor: nullable(ref("Person")), detail: { type: "object", additionalProperties: true }, createdAt: time }),
};

const findingPath = pathParam("findingId");
const finding = ref("Finding");
const inReview = failure(409, "finding_in_review: withdraw it from review before changing it");

export const findingPaths = {
  "/api/v1/projects/{projectId}/findings": {
    parameters: [projectPath],
    get: {
      summary: "The project's findings, last changed first, with counts per status (owners, researchers, reviewers)",
      parameters: [queryParam("status", `one of ${findingStatuses.join(", ")}; absent for all`, status)],
      responses: {
        "200": ok("Findings", object({ findings: { type: "array", items: ref("FindingSummary") }, counts: object(Object.fromEntries(findingStatuses.map((s) => [s, int]))) })),
        ...errors(400, 401, 403, 404),
      },
    },
    post: {
      summary: "Write a new finding, as a draft (owners, researchers)",
      requestBody: body(createFindingSchema),
      responses: { "201": ok("Created", finding), ...errors(400, 401, 403, 404) },
    },
  },
  "/api/v1/findings/{findingId}": {
    parameters: [findingPath],
    get: { summary: "A finding with its evidence as it stands now, its reviewers, and whether it is published", responses: { "200": ok("Finding", finding), ...errors(401, 403, 404) } },
    patch: {
      summary: "Change the title or claim (owners, researchers); on an accepted finding this starts its next version as a draft",
      requestBody: body(updateFindingSchema),
      responses: { "200": ok("Updated", finding), ...errors(400, 401, 403, 404), ...inReview },
    },
    delete: { summary: "Delete a finding (owners, researchers); audited when it had accepted versions", responses: { "204": ok("Deleted"), ...errors(401, 403, 404) } },
  },
  "/api/v1/findings/{findingId}/evidence": {
    parameters: [findingPath],
    post: {
      summary: "Add a segment, a code or an excerpt (a coding) of the same project as evidence (owners, researchers)",
      description: "An excerpt's quote is saved as it reads now, so the finding still shows it if the coding changes or goes.",
      requestBody: body(addEvidenceSchema),
      responses: {
        "201": ok("Added", ref("Evidence")),
        ...errors(400, 401, 403, 404),
        ...failure(409, "already_evidence, or finding_in_review"),
        ...failure(422, `too_much_evidence: at most ${EVIDENCE_MAX} pieces`),
      },
    },
  },
  "/api/v1/findings/{findingId}/evidence/{evidenceId}": {
    parameters: [findingPath, pathParam("evidenceId")],
    patch: { summary: "Change a piece of evidence's note (owners, researchers)", requestBody: body(noteSchema), responses: { "204": ok("Changed"), ...errors(400, 401, 403, 404), ...inReview } },
    delete: { summary: "Remove a piece of evidence (owners, researchers)", responses: { "204": ok("Removed"), ...errors(401, 403, 404), ...inReview } },
  },
  "/api/v1/findings/{findingId}/transitions": {
    parameters: [findingPath],
    get: { summary: "The finding's review history, oldest first", responses: { "200": ok("Transitions", arrayOf("transitions", ref("Transition"))), ...errors(401, 403, 404) } },
    post: {
      summary: "Move the finding through review",
      description:
        "draft or changes_requested → in_review (owners, researchers; `reviewerIds` defaults to every reviewer of the project), " +
        "in_review → draft (withdraw; owners, researchers), in_review → accepted or changes_requested (owners, reviewers; " +
        "changes need a `note`). Accepting freezes the version; the people concerned are notified.",
      requestBody: body(transitionSchema),
      responses: {
        "200": ok("The finding after the move", finding),
        ...errors(400, 401, 403, 404),
        ...failure(409, "invalid_transition, or no_reviewers"),
        ...failure(422, "note_required, no_evidence or invalid_reviewer"),
      },
    },
  },
  "/api/v1/findings/{findingId}/comments": {
    parameters: [findingPath],
    get: { summary: "Comment threads on the finding and on its evidence, oldest first", responses: { "200": ok("Threads", arrayOf("threads", ref("Thread"))), ...errors(401, 403, 404) } },
    post: {
      summary: "Start a thread (on the finding, or on a piece of evidence with `evidenceId`) or reply with `parentId` (anyone who may read findings)",
      requestBody: body(commentSchema),
      responses: { "201": ok("Written", ref("Comment")), ...errors(400, 401, 403, 404) },
    },
  },
  "/api/v1/findings/{findingId}/versions": {
    parameters: [findingPath],
    get: { summary: "Every accepted version, oldest first, frozen as it was accepted", responses: { "200": ok("Versions", arrayOf("versions", ref("FindingVersion"))), ...errors(401, 403, 404) } },
  },
  "/api/v1/findings/{findingId}/diff": {
    parameters: [
      findingPath,
      queryParam("from", "an accepted version; default the latest", { type: "integer", minimum: 1 }),
      queryParam("to", "an accepted version, or `current` (the default) for the working copy"),
    ],
    get: {
      summary: "What changed between two versions: title and claim word by word, evidence piece by piece",
      responses: { "200": ok("Diff", ref("FindingDiff")), ...errors(400, 401, 403, 404) },
    },
  },
  "/api/v1/findings/{findingId}/public-link": {
    parameters: [findingPath],
    post: {
      summary: "Turn on a public link to the latest accepted version (owners); a new link replaces the old one",
      description: "The token is shown once; only its SHA-256 is stored.",
      responses: {
        "201": ok("Published", object({ token: str, url: { type: "string", description: "`<origin>/share/<token>`" } })),
        ...errors(401, 403, 404),
        ...failure(409, "not_accepted: only an accepted finding can be published"),
      },
    },
    delete: { summary: "Turn the public link off (owners)", responses: { "204": ok("Unpublished"), ...errors(401, 403, 404) } },
  },
  "/api/v1/public/findings/{token}": {
    parameters: [pathParam("token")],
    get: {
      summary: "What a public link shows: the latest accepted version, quotes already redacted, nothing else of the project",
      security: [],
      responses: { "200": ok("Finding", ref("PublicFinding")), ...errors(404) },
    },
  },
  "/api/v1/notifications": {
    get: {
      summary: "The caller's 30 latest notifications (review requested, a comment, a decision) and how many are unread",
      responses: { "200": ok("Notifications", object({ notifications: { type: "array", items: ref("Notification") }, unread: int })), ...errors(401) },
    },
    post: {
      summary: "Mark notifications read: those in `ids`, or all of the caller's when `ids` is left out",
      requestBody: body(readSchema),
      responses: { "204": ok("Marked"), ...errors(400, 401) },
    },
  },
  "/api/v1/projects/{projectId}/audit": {
    parameters: [
      projectPath,
      queryParam("before", "the previous page's `next`"),
      queryParam("action", "only this action, e.g. finding.accepted"),
      queryParam("limit", "page size", { type: "integer", minimum: 1, maximum: 200, default: 50 }),
    ],
    get: {
      summary: "The project's audit log, newest first, a page at a time (owners)",
      responses: {
        "200": ok("Events", object({ events: { type: "array", items: ref("AuditEntry") }, next: nullable(str) })),
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
