/**
 * The audit log in words: each recorded action and its detail become a sentence an owner can
 * read ("added Rita (researcher)"), plus the kinds the log page filters by. Pure and free of
 * server imports: the detail is JSON written by `recordAudit` callers, so every field is read
 * defensively, and an action this module does not know is shown by its raw name.
 */
import type { AuditAction } from "./audit.server";

/** The filter on the audit page: each kind is a group of actions. */
export const auditKinds = {
  membership: { label: "Membership", actions: ["member.added", "member.role_changed", "member.removed", "member.left"] },
  decisions: { label: "Findings and review decisions", actions: ["finding.accepted", "finding.changes_requested", "finding.deleted"] },
  links: { label: "Public links", actions: ["finding.published", "finding.unpublished"] },
  withdrawals: { label: "Withdrawals", actions: ["contribution.withdrawn"] },
  redactions: { label: "Redactions", actions: ["document.redacted"] },
  caseKeys: { label: "Case keys", actions: ["documents.case_keys_set"] },
  exports: { label: "Exports", actions: ["report.exported", "project.exported"] },
  rounds: { label: "Coding rounds", actions: ["round.revealed", "round.deleted"] },
  project: { label: "Project", actions: ["project.created", "project.updated"] },
} as const satisfies Record<string, { label: string; actions: readonly AuditAction[] }>;

export type AuditKind = keyof typeof auditKinds;

export const isAuditKind = (value: unknown): value is AuditKind => typeof value === "string" && Object.hasOwn(auditKinds, value);

export interface AuditEventLike {
  action: string;
  actor: { name: string } | null;
  detail: Record<string, unknown>;
}

/**
 * Names of the people, documents and findings the details point at, by id (the page looks
 * them up); a missing one is described without its name.
 */
export type AuditNames = Record<string, string>;

export interface AuditLine {
  /** What happened, as the continuation of "Who …": "added Rita (researcher)". */
  what: string;
  /** Anything else worth showing (the reviewer's note, the number of characters…), or null. */
  details: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

const MAX_TITLE = 60;
/** A finding's title in quotes, shortened so one long title does not swamp the table. */
export function quoted(title: string | null): string {
  if (!title) return "a finding";
  const short = title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1).trimEnd()}…` : title;
  return `“${short}”`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function person(detail: Record<string, unknown>, names: AuditNames): string {
  const id = str(detail.userId);
  return (id && names[id]) || "a former member";
}

const fieldWords: Record<string, string> = { name: "name", description: "description" };

function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export function describeAudit(event: AuditEventLike, names: AuditNames = {}): AuditLine {
  const d = event.detail ?? {};
  const title = quoted(str(d.title));
  const version = num(d.version);
  const versionText = version === null ? "" : ` (version ${version})`;
  const note = str(d.note);
  const roundName = str(d.name) ? quoted(str(d.name)) : "(unnamed)";
  const action = event.action as AuditAction;
  switch (action) {
    case "project.created":
      return { what: "created the project", details: null };
    case "project.updated": {
      const fields = strings(d.fields).map((f) => fieldWords[f] ?? f);
      return { what: fields.length ? `changed the project's ${listWords(fields)}` : "changed the project's settings", details: null };
    }
    case "member.added":
      return { what: `added ${person(d, names)}${str(d.role) ? ` (${d.role})` : ""}`, details: null };
    case "member.role_changed": {
      const from = str(d.from);
      const to = str(d.to);
      return { what: `changed the role of ${person(d, names)}${from && to ? ` from ${from} to ${to}` : ""}`, details: null };
    }
    case "member.removed":
      return { what: `removed ${person(d, names)}${str(d.role) ? ` (${d.role})` : ""}`, details: null };
    case "member.left":
      return { what: `left the project${str(d.role) ? ` (was ${d.role})` : ""}`, details: null };
    case "contribution.withdrawn":
      // Nothing of what was withdrawn is kept, on purpose: the sentence says only that it happened.
      return { what: "a contribution was withdrawn", details: "Its text and everything made from it were deleted." };
    case "documents.case_keys_set": {
      const updated = num(d.updated);
      return { what: `set the case keys of ${updated === null ? "some documents" : plural(updated, "document")} from a CSV`, details: null };
    }
    case "document.redacted": {
      const doc = str(d.documentId);
      const length = num(d.length);
      return {
        what: `redacted a passage of ${(doc && names[doc] && `“${names[doc]}”`) || "a document"}`,
        details: length === null ? null : `${plural(length, "character")} removed`,
      };
    }
    case "finding.accepted":
      return { what: `accepted ${title}${versionText}`, details: note };
    case "finding.changes_requested":
      return { what: `requested changes to ${title}${versionText}`, details: note };
    case "finding.deleted": {
      const accepted = num(d.acceptedVersion);
      return { what: `deleted ${title}`, details: accepted === null ? null : `It had ${plural(accepted, "accepted version")}.` };
    }
    case "finding.published":
      return { what: `created a public link to ${title}`, details: null };
    case "finding.unpublished":
      return { what: `turned off the public link to ${title}`, details: null };
    case "report.exported": {
      const ids = strings(d.findingIds);
      const titles = ids.map((id) => names[id]).filter((t): t is string => Boolean(t));
      return {
        what: `printed or saved the findings report (${plural(ids.length, "finding")})`,
        details: titles.length ? titles.map((t) => quoted(t)).join(", ") : null,
      };
    }
    case "round.revealed": {
      const revealed = num(d.revealed);
      const unplaced = num(d.unplaced);
      return {
        what: `revealed the coding round ${roundName}`,
        details:
          revealed === null
            ? null
            : `${plural(revealed, "coding")} joined the documents${unplaced ? `; ${plural(unplaced, "coding")} could not be placed because the text changed` : ""}.`,
      };
    }
    case "round.deleted":
      return {
        what: `deleted the coding round ${roundName}`,
        details: d.status === "open" ? "It was still open: the coders' work in it was discarded." : null,
      };
    case "project.exported": {
      const documents = num(d.documents);
      const codings = num(d.codings);
      return {
        what: "exported the project as REFI-QDA (.qdpx)",
        details: documents === null || codings === null ? null : `${plural(documents, "document")}, ${plural(codings, "coding")}`,
      };
    }
    default:
      return { what: event.action, details: null };
  }
}

/** Who did it: the actor's name; nobody logged in is the contributor using their receipt link. */
export function auditActor(event: AuditEventLike): string {
  if (event.actor) return event.actor.name || "A member";
  return event.action === "contribution.withdrawn" ? "The contributor" : "A deleted account";
}

/** The ids a page should look names up for: people of member events, redacted documents, exported findings. */
export function idsToName(events: AuditEventLike[]): { users: string[]; documents: string[]; findings: string[] } {
  const users = new Set<string>();
  const documents = new Set<string>();
  const findings = new Set<string>();
  for (const e of events) {
    const userId = str(e.detail?.userId);
    if (userId && e.action.startsWith("member.")) users.add(userId);
    const documentId = str(e.detail?.documentId);
    if (documentId && e.action === "document.redacted") documents.add(documentId);
    if (e.action === "report.exported") strings(e.detail?.findingIds).forEach((id) => findings.add(id));
  }
  return { users: [...users], documents: [...documents], findings: [...findings] };
}
