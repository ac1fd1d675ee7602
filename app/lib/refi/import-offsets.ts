/**
 * Where a REFI-QDA selection lands in the text Thicket stores. Pure.
 *
 * Thicket stores a source's text the way every file import does (text.server.ts): line ends as
 * `\n`, no byte-order mark or stray control characters, no blank lines at either end; and NFC,
 * so the same words always compare equal. Offsets are UTF-16 code units into that text.
 *
 * A REFI file counts "characters" of the text file as written, but tools disagree about what a
 * character is: Unicode code points (Python, Thicket's exports before ADR 0140) or UTF-16 units
 * (.NET, Java: NVivo), whether a `\r\n` is one character or two, and whether a byte-order mark
 * at the start is a character. So an offset is read under an OffsetScheme and mapped, through
 * the same walk that builds the stored text, to its position there (offset-evidence.ts picks
 * the scheme). A position inside something that became shorter (the `\n` of `\r\n`, a combining mark
 * folded by NFC) maps to where that thing starts.
 */

export interface OffsetScheme {
  unit: "codepoint" | "utf16";
  /** The tool counted `\r\n` as a single character. */
  crlfAsOne: boolean;
  /** The tool counted the file's byte-order mark as the first character. */
  bomCounted: boolean;
}

/** In order of preference when nothing tells them apart: the REFI reading first. */
export const OFFSET_SCHEMES: readonly OffsetScheme[] = [false, true].flatMap((bomCounted) =>
  [false, true].flatMap((crlfAsOne) => (["codepoint", "utf16"] as const).map((unit) => ({ unit, crlfAsOne, bomCounted }))),
);

export const schemeName = (s: OffsetScheme) =>
  `${s.unit === "codepoint" ? "Unicode code points" : "UTF-16 code units"}${s.crlfAsOne ? ", CR LF as one" : ""}${s.bomCounted ? ", byte-order mark counted" : ""}`;

export const sameScheme = (a: OffsetScheme, b: OffsetScheme) => a.unit === b.unit && a.crlfAsOne === b.crlfAsOne && a.bomCounted === b.bomCounted;

// eslint-disable-next-line no-control-regex
const DROPPED = /^[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]$/;

/** One piece of the raw text and what it becomes in the stored text. */
interface Piece {
  raw: string;
  out: string;
}

function* pieces(raw: string): Generator<Piece> {
  if (raw.normalize("NFC") === raw) {
    // The common case: already NFC, so each code point stands alone.
    for (let i = 0; i < raw.length; ) {
      const code = raw.codePointAt(i)!;
      const size = code > 0xffff ? 2 : 1;
      const ch = raw.slice(i, i + size);
      if (ch === "\r" && raw[i + 1] === "\n") {
        yield { raw: "\r\n", out: "\n" };
        i += 2;
        continue;
      }
      yield { raw: ch, out: ch === "\r" ? "\n" : DROPPED.test(ch) ? "" : ch };
      i += size;
    }
    return;
  }
  // NFC composes within a grapheme cluster, so each cluster is normalised on its own.
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of segmenter.segment(raw)) {
    if (segment === "\r\n" || segment === "\r") yield { raw: segment, out: "\n" };
    else yield { raw: segment, out: [...segment].filter((c) => !DROPPED.test(c)).join("").normalize("NFC") };
  }
}

const width = (piece: Piece, scheme: OffsetScheme) => {
  if (scheme.crlfAsOne && piece.raw === "\r\n") return 1;
  if (scheme.unit === "utf16") return piece.raw.length;
  let n = 0;
  for (const _ of piece.raw) n++;
  return n;
};

/** A source's raw text, the text Thicket will store, and offset maps from one to the other. */
export class SourceText {
  readonly text: string;
  readonly hasCr: boolean;
  readonly hasAstral: boolean;
  /** The file began with a byte-order mark (in its bytes, or as U+FEFF in the string given). */
  readonly hasBom: boolean;
  private readonly raw: string;
  /** Stored-text characters cut from the start (leading blank lines). */
  private readonly cut: number;
  private readonly maps = new Map<string, { positions: Int32Array; inside: Uint8Array }>();

  /** `bom`: the file's bytes began with a byte-order mark that decoding removed. */
  constructor(raw: string, { bom = false }: { bom?: boolean } = {}) {
    this.hasBom = bom || raw.startsWith("\uFEFF");
    raw = raw.replace(/^\uFEFF/, "");
    this.raw = raw;
    let full = "";
    for (const piece of pieces(raw)) full += piece.out;
    const lead = /^(?:[ \t]*\n)+/.exec(full)?.[0].length ?? 0;
    this.cut = lead;
    this.text = full.slice(lead).trimEnd();
    this.hasCr = raw.includes("\r");
    this.hasAstral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(raw);
  }

  /** The schemes that can give different answers for this text (one when they all agree). */
  schemes(): OffsetScheme[] {
    return OFFSET_SCHEMES.filter((s) => (this.hasAstral || s.unit === "codepoint") && (this.hasCr || !s.crlfAsOne) && (this.hasBom || !s.bomCounted));
  }

  /** Positions under a scheme's units (the byte-order mark aside), and which fall inside one character. */
  private mapFor(scheme: OffsetScheme) {
    const key = `${scheme.unit}:${scheme.crlfAsOne}`;
    let map = this.maps.get(key);
    if (map) return map;
    // No scheme counts more positions than the raw text has UTF-16 units.
    const positions = new Int32Array(this.raw.length + 1);
    const inside = new Uint8Array(this.raw.length + 1);
    const clamp = (p: number) => Math.min(Math.max(p - this.cut, 0), this.text.length);
    let at = 0;
    let out = 0;
    for (const piece of pieces(this.raw)) {
      const w = width(piece, scheme);
      for (let k = 0; k < w; k++) {
        inside[at] = k > 0 ? 1 : 0;
        positions[at++] = clamp(out);
      }
      out += piece.out.length;
    }
    positions[at++] = clamp(out);
    map = { positions: positions.subarray(0, at), inside: inside.subarray(0, at) };
    this.maps.set(key, map);
    return map;
  }

  /** Index into the scheme's map of raw offset `position`, or -1 when outside the text. */
  private index(scheme: OffsetScheme, position: number): number {
    if (!Number.isInteger(position) || position < 0) return -1;
    // A counted byte-order mark is position 0; the text starts at 1.
    const i = scheme.bomCounted ? Math.max(position - 1, 0) : position;
    return i < this.mapFor(scheme).positions.length ? i : -1;
  }

  /** The stored-text offset of raw offset `position` read under `scheme`; null when outside the text. */
  map(scheme: OffsetScheme, position: number): number | null {
    const i = this.index(scheme, position);
    return i < 0 ? null : this.mapFor(scheme).positions[i]!;
  }

  /**
   * Whether raw offset `position` falls inside one character under `scheme` (between the halves
   * of a surrogate pair or of a CR LF): a tool that counts this way never records such a
   * position, so it is evidence against the scheme.
   */
  splits(scheme: OffsetScheme, position: number): boolean {
    const i = this.index(scheme, position);
    return i >= 0 && this.mapFor(scheme).inside[i] === 1;
  }

  /** A selection's [start, end) in the stored text, or null when it is outside it or empty there. */
  range(scheme: OffsetScheme, start: number, end: number): { start: number; end: number } | null {
    const s = this.map(scheme, start);
    const e = this.map(scheme, end);
    return s === null || e === null || e <= s ? null : { start: s, end: e };
  }
}

const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

/**
 * Whether a selection's recorded label is its text: ATLAS.ti and Thicket name a selection after
 * the start of its quote (cut with an ellipsis), so a label that starts the quote verifies it.
 * Labels such as "line:6" (qualitative-coding) simply never match.
 */
export function labelMatches(quote: string, label: string | undefined): boolean {
  if (!label) return false;
  const l = squash(label).replace(/(?:…|\.\.\.)$/, "").trimEnd();
  if (!l) return false;
  const q = squash(quote);
  return q === l || (l.length >= 8 && q.startsWith(l));
}
