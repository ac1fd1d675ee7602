/**
 * What changed between two versions of a finding: the claim word by word, and the evidence
 * piece by piece (added, removed, or changed: a quote's text, a segment's size, a note).
 * Pure, so the page and the API say the same.
 */
import { diffWords } from "diff";
import type { Evidence } from "./types";

export interface TextChange {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface EvidenceChange {
  kind: "added" | "removed" | "changed";
  what: Evidence["kind"];
  label: string;
  /** For "changed": a sentence per difference. */
  details: string[];
}

export function diffText(before: string, after: string): TextChange[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}

/** The thing a piece of evidence points at, so the same coding chosen twice is one piece. */
function key(e: Evidence): string {
  if (e.kind === "segment") return `segment:${e.segment?.id ?? e.label}`;
  if (e.kind === "code") return `code:${e.code?.id ?? e.label}`;
  return `excerpt:${e.codingId}`;
}

function describe(before: Evidence, after: Evidence): string[] {
  const out: string[] = [];
  if (before.note !== after.note) out.push(after.note ? `Note now reads "${after.note}".` : "Note removed.");
  if (before.kind === "excerpt" && after.kind === "excerpt" && before.quote !== after.quote) {
    out.push(after.quote ? `Quote now reads "${after.quote}" (was "${before.quote}").` : "Quote no longer shown.");
  }
  if (before.kind === "segment" && after.kind === "segment" && before.segment?.size !== after.segment?.size) {
    out.push(`Segment size ${before.segment?.size ?? "—"} → ${after.segment?.size ?? "deleted"}.`);
  }
  if (before.kind === "code" && after.kind === "code" && before.counts.codings !== after.counts.codings) {
    out.push(`Codings ${before.counts.codings} → ${after.counts.codings}.`);
  }
  return out;
}

export function diffEvidence(before: Evidence[], after: Evidence[]): EvidenceChange[] {
  const old = new Map(before.map((e) => [key(e), e]));
  const now = new Map(after.map((e) => [key(e), e]));
  const changes: EvidenceChange[] = [];
  for (const [k, e] of now) {
    const was = old.get(k);
    if (!was) changes.push({ kind: "added", what: e.kind, label: labelOf(e), details: [] });
    else {
      const details = describe(was, e);
      if (details.length) changes.push({ kind: "changed", what: e.kind, label: labelOf(e), details });
    }
  }
  for (const [k, e] of old) if (!now.has(k)) changes.push({ kind: "removed", what: e.kind, label: labelOf(e), details: [] });
  return changes;
}

export function labelOf(e: Evidence): string {
  if (e.kind === "segment") return e.segment?.name ?? e.label;
  if (e.kind === "code") return e.code?.name ?? e.label;
  return `“${truncate(e.quote || "(quote withdrawn)", 80)}” — ${e.documentTitle ?? e.label}`;
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
