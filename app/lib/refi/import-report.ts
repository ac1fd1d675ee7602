/**
 * What a REFI-QDA import tells the person (API.md: `report:{codes, sources, codings, skipped}`):
 * how much was created, and every part of the file that was not imported, with the reason.
 * Shared by the importer and the page that shows the report. Pure.
 */

export interface SkippedItem {
  what: string;
  why: string;
}

export interface ImportReport {
  codes: number;
  sources: number;
  codings: number;
  skipped: SkippedItem[];
  /** What was imported but may be wrong (how positions were read, when the file does not say). */
  warnings: SkippedItem[];
}

/** Past this many, items are summed up by reason rather than listed one by one. */
export const MAX_LISTED = 200;

/** Collects what was left out; a long run of one reason is summed up, never dropped. */
export class SkippedList {
  private readonly items: SkippedItem[] = [];

  add(what: string, why: string): void {
    this.items.push({ what, why });
  }

  get size(): number {
    return this.items.length;
  }

  toJSON(): SkippedItem[] {
    if (this.items.length <= MAX_LISTED) return [...this.items];
    const listed = this.items.slice(0, MAX_LISTED - 1);
    const rest = this.items.length - listed.length;
    return [...listed, { what: `${rest} more items`, why: "The same kinds of reasons as above; the list is cut here to stay readable." }];
  }
}

/** “1 coding”, “205 codings”. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** A name for something in the file, quoted, cut to a readable length. */
export function named(kind: string, name: string | undefined): string {
  const clean = (name ?? "").replace(/\s+/g, " ").trim();
  if (!clean) return kind;
  return `${kind} “${clean.length > 80 ? `${clean.slice(0, 79)}…` : clean}”`;
}
