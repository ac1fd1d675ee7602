/**
 * The rules a CSV column is held to, shared by the import (server) and the import screen's
 * preview (browser): SQL names made from headers, type inference from sample values, and each
 * type's check and normal form. No server imports.
 */
import type { ColumnType } from "./types";

/** Postgres truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
const MAX_IDENTIFIER_BYTES = 63;

function truncateBytes(name: string, maxBytes: number): string {
  // Names are ASCII after sanitising, so a byte is a character; kept general all the same.
  let out = name;
  while (new TextEncoder().encode(out).length > maxBytes) out = out.slice(0, -1);
  return out;
}

/**
 * SQL identifiers for the headers: lower case, anything outside [a-z0-9_] becomes `_`, a
 * leading digit (or nothing at all) gets a `c_` prefix, at most 63 bytes, and clashes get a
 * numeric suffix. The names are still always quoted in SQL; this only keeps them readable.
 */
export function sqlColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((header) => {
    let base = header.toLowerCase().replace(/[^a-z0-9_]/g, "_");
    if (base === "" || /^[0-9]/.test(base)) base = `c_${base}`;
    base = truncateBytes(base, MAX_IDENTIFIER_BYTES);
    let name = base;
    for (let n = 2; used.has(name); n++) {
      const suffix = `_${n}`;
      name = truncateBytes(base, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
    }
    used.add(name);
    return name;
  });
}

/** Empty and repeated header names, which would make columns impossible to address. */
export function headerProblems(headers: readonly string[]): { empty: number[]; duplicates: string[] } {
  const empty: number[] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  headers.forEach((header, i) => {
    const name = header.trim();
    if (name === "") empty.push(i + 1);
    else if (seen.has(name)) duplicates.add(name);
    else seen.add(name);
  });
  return { empty, duplicates: [...duplicates] };
}

/** Headers are trimmed: " spend " and "spend" are the same column to a reader. */
export const cleanHeader = (header: string) => header.trim();

// ---------------------------------------------------------------------------------------------
// Values. Each check takes a non-empty field and returns its normal form (what Postgres is
// sent), or undefined when the value does not fit. Only spellings Postgres itself accepts are
// recognised, so a value that passes here never fails in the database.

const INT_RE = /^[+-]?\d+$/;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT8_MAX = 9223372036854775807n;
const INT8_MIN = -9223372036854775808n;

/** Postgres ignores surrounding spaces in typed input; so do we (text keeps them). */
function trimmed(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first === 32 || last === 32 || first === 9 || last === 9 ? value.trim() : value;
}

export function asInteger(raw: string): string | undefined {
  const value = trimmed(raw);
  if (!INT_RE.test(value)) return undefined;
  // Up to 18 digits always fits in int8; longer ones are checked exactly.
  if (value.length <= 18) return value;
  const big = BigInt(value);
  return big <= INT8_MAX && big >= INT8_MIN ? value : undefined;
}

export function asNumber(raw: string): string | undefined {
  const value = trimmed(raw);
  if (!NUMBER_RE.test(value)) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined; // beyond double precision: Postgres refuses it too
  // Underflow to zero from a non-zero mantissa is also an error in Postgres.
  if (n === 0 && /[1-9]/.test(value.replace(/[eE].*$/, ""))) return undefined;
  return value;
}

/**
 * The spellings Postgres takes for a boolean, so a column imports the same on PGlite and on a
 * server (where the raw CSV goes to COPY). Inference never sees 1/0 as booleans: integer is
 * tried first, and a 0/1 column stays a number unless the person importing says otherwise.
 */
const TRUE_WORDS = new Set(["true", "yes", "t", "y", "on", "1"]);
const FALSE_WORDS = new Set(["false", "no", "f", "n", "off", "0"]);

export function asBoolean(raw: string): "t" | "f" | undefined {
  const value = trimmed(raw).toLowerCase();
  if (TRUE_WORDS.has(value)) return "t";
  if (FALSE_WORDS.has(value)) return "f";
  return undefined;
}

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** ISO `YYYY-MM-DD` only (year 1 to 9999), a real calendar day. */
export function asDate(raw: string): string | undefined {
  const value = trimmed(raw);
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return value;
}

/** Text may hold anything but NUL, which Postgres text cannot store. */
export function asText(raw: string): string | undefined {
  return raw.includes("\u0000") ? undefined : raw;
}

export const valueCheckers: Record<ColumnType, (raw: string) => string | undefined> = {
  integer: asInteger,
  number: asNumber,
  boolean: asBoolean,
  date: asDate,
  text: asText,
};

const typeNouns: Record<ColumnType, string> = {
  integer: "a whole number (integer)",
  number: "a number",
  boolean: "a boolean (true/false, yes/no, t/f, on/off or 1/0)",
  date: "a date (YYYY-MM-DD)",
  text: "text (it contains a NUL character)",
};

/** `"abc" is not a number.` The value is shown cut short so a huge field stays readable. */
export function mismatchMessage(type: ColumnType, value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `${JSON.stringify(shown)} is not ${typeNouns[type]}.`;
}

/**
 * The next wider type for a value that does not fit an inferred one: integers widen to
 * numbers, everything else to text (which holds any value).
 */
export function widenFor(type: ColumnType, value: string): ColumnType {
  if (type === "integer" && asNumber(value) !== undefined) return "number";
  return "text";
}

// ---------------------------------------------------------------------------------------------
// Inference.

/** Accumulates what every non-empty sample value of one column could be. */
export class TypeGuess {
  private integer = true;
  private number = true;
  private boolean = true;
  private date = true;
  private seen = 0;

  add(value: string | null): void {
    if (value === null || value === "") return;
    this.seen++;
    if (this.integer && asInteger(value) === undefined) this.integer = false;
    if (this.number && asNumber(value) === undefined) this.number = false;
    if (this.boolean && asBoolean(value) === undefined) this.boolean = false;
    if (this.date && asDate(value) === undefined) this.date = false;
  }

  /** A column with no values at all is text: nothing says otherwise. */
  get type(): ColumnType {
    if (this.seen === 0) return "text";
    if (this.integer) return "integer";
    if (this.number) return "number";
    if (this.boolean) return "boolean";
    if (this.date) return "date";
    return "text";
  }
}

/** The type of each column from sample rows (rows may be shorter than the header). */
export function inferColumnTypes(columnCount: number, rows: readonly (readonly (string | null)[])[]): ColumnType[] {
  const guesses = Array.from({ length: columnCount }, () => new TypeGuess());
  for (const row of rows) {
    for (let i = 0; i < columnCount; i++) guesses[i]!.add(row[i] ?? null);
  }
  return guesses.map((g) => g.type);
}
