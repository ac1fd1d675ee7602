import { ImportError } from "./import-error.server";
import { decodeText, normaliseText } from "./text.server";

/**
 * Shared by the WebVTT and SubRip importers. A transcript becomes one line per cue (or per
 * speaker turn inside a cue), each starting with the cue's time and, where known, the speaker:
 *
 *   [00:01:02] Maria: I left because the prices went up.
 *
 * so the time and the speaker stay with the words when they are coded and quoted.
 */

/** "00:01:02.500", "01:02.500" (WebVTT may leave out hours) or "00:01:02,500" (SubRip). */
const TIME = String.raw`(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,]\d{1,3})?`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}`);

interface Cue {
  start: number;
  lines: string[];
}

/** Seconds since the start of the recording, from a timing line; null if it is not one. */
export function cueStart(line: string): number | null {
  const m = TIMING.exec(line);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export function formatTime(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `[${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(Math.floor(seconds % 60))}]`;
}

/**
 * Finds the cues: a timing line opens one, the lines after it up to a blank line are its text.
 * Anything between cues (cue numbers, cue ids, NOTE and STYLE blocks) is skipped. Files that
 * leave out the blank line between cues still work: a cue number just before a timing line is
 * dropped from the cue above.
 */
function findCues(lines: string[]): Cue[] {
  const cues: Cue[] = [];
  let open: Cue | null = null;
  for (const line of lines) {
    const start = cueStart(line);
    if (start !== null) {
      if (open && /^\s*\d+\s*$/.test(open.lines.at(-1) ?? "")) open.lines.pop();
      open = { start, lines: [] };
      cues.push(open);
    } else if (line.trim() === "") {
      open = null;
    } else if (open) {
      open.lines.push(line);
    }
  }
  return cues;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", lrm: "", rlm: "" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Markup inside cue text: <i>, <b>, <c.class>, <font …>, <00:01:02.000> karaoke times, {\an8}. */
function stripMarkup(text: string): string {
  return decodeEntities(text.replace(/<\/?(?:[a-z]|\d)[^<>]*>/gi, "").replace(/\{\\[^{}]*\}/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** "Maria: …", "INTERVIEWER: …", "Dr. Jane Doe: …": a speaker named at the start of a line. */
const SPEAKER_LINE = /^[\p{L}][\p{L}\p{M}\d.'’ -]{0,39}:\s/u;
/** A WebVTT voice span: <v Maria>, <v.loud Maria>. */
const VOICE = /<v(?:\.[^\s>]+)*(?:\s+([^>]*))?>/gi;

interface Turn {
  speaker: string | null;
  text: string;
}

/**
 * A cue's lines to speaker turns. A voice tag, a "Name: " line or a leading dialogue dash
 * starts a new turn; other lines continue the turn above (captions wrap long sentences).
 */
function turnsOf(lines: string[]): Turn[] {
  const turns: Turn[] = [];
  const add = (speaker: string | null, text: string) => turns.push({ speaker, text: stripMarkup(text) });
  const append = (text: string) => {
    const words = stripMarkup(text);
    if (!words) return;
    const last = turns.at(-1);
    if (last) last.text = last.text ? `${last.text} ${words}` : words;
    else turns.push({ speaker: null, text: words });
  };
  for (const line of lines) {
    const parts = line.split(VOICE);
    // split() with one capture group gives [before, speaker, text, speaker, text, …].
    const [before = "", ...voiced] = parts;
    const plain = stripMarkup(before);
    if (/^[-–—]\s*/.test(plain)) add(null, plain.replace(/^[-–—]\s*/, ""));
    else if (SPEAKER_LINE.test(plain)) add(null, plain);
    else append(before);
    for (let i = 0; i < voiced.length; i += 2) add(stripMarkup(voiced[i] ?? "") || null, voiced[i + 1] ?? "");
  }
  return turns.filter((t) => t.text !== "");
}

/** The cues of a transcript as text: one line per speaker turn, time first. */
export function cuesToText(raw: string, what: string): string {
  const cues = findCues(raw.split("\n"));
  const out: string[] = [];
  for (const cue of cues) {
    for (const turn of turnsOf(cue.lines)) {
      out.push(`${formatTime(cue.start)} ${turn.speaker ? `${turn.speaker}: ` : ""}${turn.text}`);
    }
  }
  if (out.length === 0) {
    throw new ImportError(`No spoken text found in this ${what}: it needs cues with times like 00:01:02 --> 00:01:05.`);
  }
  return out.join("\n");
}

/** The file's text with line ends made uniform, ready for the cue finder. */
export function transcriptSource(bytes: Uint8Array): string {
  return normaliseText(decodeText(bytes));
}
