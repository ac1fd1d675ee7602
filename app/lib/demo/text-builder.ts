import type { CodeKey } from "./codebook";

/** A coding as the generator places it: exact offsets into its document's text. */
export interface DemoCoding {
  code: CodeKey;
  start: number;
  end: number;
  /** The text between start and end, kept so tests can check the offsets. */
  quote: string;
}

/**
 * Builds a text paragraph by paragraph and remembers where each coded sentence landed, so
 * the codings' offsets are exact by construction (UTF-16 indices, as the editor counts).
 */
export class TextBuilder {
  private paragraphs: string[] = [];
  private current: string[] = [];
  private offset = 0;
  readonly codings: DemoCoding[] = [];

  /** Appends a sentence to the current paragraph; with `code`, the sentence is coded. */
  sentence(text: string, code?: CodeKey): this {
    const separator = this.current.length > 0 ? " " : this.paragraphs.length > 0 ? "\n\n" : "";
    const start = this.offset + separator.length;
    this.current.push(text);
    this.offset = start + text.length;
    if (code) this.codings.push({ code, start, end: this.offset, quote: text });
    return this;
  }

  paragraph(): this {
    if (this.current.length > 0) this.paragraphs.push(this.current.join(" "));
    this.current = [];
    return this;
  }

  wordCount(): number {
    return this.text().split(/\s+/).filter(Boolean).length;
  }

  text(): string {
    const open = this.current.length > 0 ? [this.current.join(" ")] : [];
    return [...this.paragraphs, ...open].join("\n\n");
  }
}

/** Fills `{slot}` placeholders; a slot with no value is a bug in the templates, so it throws. */
export function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`Demo template slot {${name}} has no value: ${template}`);
    return value;
  });
}
