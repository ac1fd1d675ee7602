import { themesFor } from "./compose";
import { generateCustomer } from "./customers";
import { noteAdmin, noteThemes } from "./phrases-note";
import type { ThemeKey } from "./phrases";
import { createRandom, type Random } from "./random";
import { slotsFor } from "./slots";
import { fill, TextBuilder, type DemoCoding } from "./text-builder";

/**
 * The demo's big text table for the sandwich (issue 16): one short agent note per contact, far
 * too many to code by hand. Each note tells one or two of its customer's themes in the agent's
 * shorthand, so a sample coded by hand and a model trained on it find the same patterns the
 * stories show, and the generator knows the truth for every row.
 */
export interface CallLogRow {
  call_id: string;
  region: string;
  channel: string;
  churned: boolean;
  note: string;
  /** What the note says, with exact offsets into `note`: the codings a careful coder would make. */
  codings: DemoCoding[];
}

export const CALL_LOG_COLUMNS = ["call_id", "region", "channel", "churned", "note"] as const;
export const CALL_LOG_ROWS = 20_000;
const CHANNELS = ["Phone", "Phone", "Phone", "Chat", "Chat", "Email"] as const;
const MIN_CHARS = 100;
const MAX_CHARS = 300;

const OPENERS: Record<(typeof CHANNELS)[number], readonly string[]> = {
  Phone: ["Inbound call.", "Call from cust.", "Outbound follow-up call."],
  Chat: ["Web chat.", "Chat session from the app."],
  Email: ["Email from cust.", "Reply to cust email."],
};

/** One note: an opener, one or two themes' coded sentences, then admin lines up to 100–300 characters. */
function composeNote(random: Random, index: number): CallLogRow {
  const customer = generateCustomer(random, index);
  const slots = slotsFor(random, customer);
  const channel = random.pick(CHANNELS);
  const themes = random.shuffle(themesFor(random, customer)).slice(0, random.chance(0.35) ? 2 : 1);
  const b = new TextBuilder();
  b.sentence(random.pick(OPENERS[channel]));
  for (const theme of themes as ThemeKey[]) {
    const sentence = fill(random.pick(noteThemes[theme].coded), slots);
    if (b.text().length + sentence.length + 1 > MAX_CHARS) break;
    b.sentence(sentence, theme);
  }
  for (const line of random.shuffle(noteAdmin)) {
    if (b.text().length >= MIN_CHARS) break;
    const text = fill(line, slots);
    if (b.text().length + text.length + 1 > MAX_CHARS) continue;
    b.sentence(text);
  }
  return {
    call_id: `N${String(index + 1).padStart(5, "0")}`,
    region: customer.region,
    channel,
    churned: customer.churned,
    note: b.text(),
    codings: b.codings,
  };
}

/** The whole call log, deterministic for a seed. */
export function generateCallLog(seed: number, rows = CALL_LOG_ROWS): CallLogRow[] {
  const random = createRandom(seed);
  return Array.from({ length: rows }, (_, i) => composeNote(random, i));
}

/** RFC 4180 CSV of the call log, header first. */
export function callLogCsv(rows: readonly CallLogRow[]): string {
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CALL_LOG_COLUMNS.join(",")];
  for (const r of rows) lines.push(CALL_LOG_COLUMNS.map((col) => quote(String(r[col]))).join(","));
  return `${lines.join("\n")}\n`;
}
