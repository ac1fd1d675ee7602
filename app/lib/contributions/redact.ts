/**
 * Personal-detail masking for contributions, applied on intake before any coder sees the text.
 *
 * Pure and browser-safe: no imports, no I/O. Every detected detail is replaced by a typed
 * placeholder ("[EMAIL]", "[PHONE]", …); everything else is kept byte-for-byte.
 *
 * Detectors run in a fixed order, each on the text the previous ones left, so that the more
 * specific patterns win: e-mail addresses first (they can hold digits and names), then IBANs and
 * payment cards (so their digits are not read as a phone), National Insurance numbers and UK
 * postcodes, then phone numbers, and the names the contributor listed last (so "jane@x.org" is an
 * [EMAIL], not "[NAME]@x.org"). Placeholders already in the text are never matched again, and the
 * whole pipeline is repeated until nothing changes, so redacting a redacted text is a no-op.
 *
 * Masking errs on the side of hiding: a number that merely looks like a phone in free text is
 * masked. What it deliberately leaves alone is listed in the tests (dates, times, money, short
 * ids, digits in a URL's path, 16-digit numbers that fail the Luhn check).
 */

export type RedactionKind = "email" | "iban" | "card" | "ni_number" | "postcode" | "phone" | "name";

/** Detection order, which is also the order of `found` in a result. */
export const REDACTION_KINDS: readonly RedactionKind[] = [
  "email",
  "iban",
  "card",
  "ni_number",
  "postcode",
  "phone",
  "name",
];

/** The text that replaces a detected detail. */
export const redactionPlaceholders: Readonly<Record<RedactionKind, string>> = {
  email: "[EMAIL]",
  iban: "[IBAN]",
  card: "[CARD]",
  ni_number: "[NI_NUMBER]",
  postcode: "[POSTCODE]",
  phone: "[PHONE]",
  name: "[NAME]",
};

/** Human labels for the UI ("2 phone numbers masked"). */
export const redactionLabels: Readonly<Record<RedactionKind, string>> = {
  email: "E-mail address",
  iban: "Bank account (IBAN)",
  card: "Payment card number",
  ni_number: "National Insurance number",
  postcode: "UK postcode",
  phone: "Phone number",
  name: "Name",
};

export interface RedactOptions {
  /** Names of people the contributor says the text mentions; each is masked as [NAME]. */
  people?: string[];
}

export interface RedactionResult {
  text: string;
  /** One entry per kind that was found at least once, in `REDACTION_KINDS` order. */
  found: { kind: RedactionKind; count: number }[];
}

interface Span {
  start: number;
  end: number;
}

type Detector = (view: string) => Span[];

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER_RE = new RegExp(
  Object.values(redactionPlaceholders)
    .map((p) => escapeRegExp(p))
    .join("|"),
  "g",
);

/** A code unit no detector accepts: placeholders are hidden behind it (same length, so offsets hold). */
const FILLER = "\u0000";

/** Horizontal spaces accepted inside a number or code: space, no-break space, narrow no-break space. */
const HSPACE = "[ \\u00A0\\u202F]";

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** The text with every placeholder's inside replaced by FILLER, so no detector can match into it. */
function maskPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER_RE, (p) => `[${FILLER.repeat(p.length - 2)}]`);
}

/** Sorted, non-overlapping spans (the first one wins on overlap). */
function nonOverlapping(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  let lastEnd = -1;
  for (const s of sorted) {
    if (s.end <= s.start || s.start < lastEnd) continue;
    kept.push(s);
    lastEnd = s.end;
  }
  return kept;
}

function replaceSpans(text: string, spans: Span[], placeholder: string): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + placeholder;
    at = s.end;
  }
  return out + text.slice(at);
}

function matchSpans(re: RegExp, view: string, accept: (m: RegExpExecArray) => boolean = () => true): Span[] {
  const spans: Span[] = [];
  for (const m of view.matchAll(re)) {
    if (accept(m)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses
// ---------------------------------------------------------------------------------------------

/**
 * local@domain.tld with Unicode letters allowed (internationalised addresses). The match starts
 * only where a local-part run starts (the look-behind), which keeps the scan linear and makes an
 * address inside a URL (https://example.com/u/jane@example.org) match from after the "/".
 */
const EMAIL_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?![\p{L}\p{N}_-])/gu;

const detectEmails: Detector = (view) => matchSpans(EMAIL_RE, view);

// ---------------------------------------------------------------------------------------------
// IBANs
// ---------------------------------------------------------------------------------------------

/**
 * IBAN lengths by country from the SWIFT IBAN registry (ISO 13616). A known country's length is
 * tried first; any other length from 15 to 34 is still accepted when the check digits hold, so a
 * country missing here is masked all the same.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25,
  QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

const IBAN_MIN = 15;
const IBAN_MAX = 34;
const IBAN_START_RE = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}/gu;
const ALNUM_RE = /[A-Za-z0-9]/;
const HSPACE_RE = new RegExp(HSPACE);

/**
 * ISO 13616 IBAN check, which is ISO/IEC 7064 MOD 97-10: move the country code and check digits
 * to the end, write each letter as two digits (A = 10 … Z = 35), and the number must leave
 * remainder 1 when divided by 97. Check digits are always 02–98, so 00, 01 and 99 never occur.
 * The remainder is carried digit by digit, so no big integers are needed.
 */
export function ibanChecksumValid(iban: string): boolean {
  const s = iban.replace(/[\s\u00A0\u202F]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s) || s.length < IBAN_MIN || s.length > IBAN_MAX) return false;
  const check = Number(s.slice(2, 4));
  if (check < 2 || check > 98) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48; // 'A' → 10, '0' → 0
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

const detectIbans: Detector = (view) => {
  const spans: Span[] = [];
  IBAN_START_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_START_RE.exec(view)) !== null) {
    const start = m.index;
    // Walk on over letters and digits, allowing a single space between groups, and note each
    // place where a word ends: an IBAN can only end there.
    let i = start;
    let chars = "";
    const ends: { end: number; length: number }[] = [];
    while (i < view.length && chars.length < IBAN_MAX) {
      const ch = view[i]!;
      if (ALNUM_RE.test(ch)) {
        chars += ch;
        i++;
        if (!isWordChar(view[i])) ends.push({ end: i, length: chars.length });
      } else if (HSPACE_RE.test(ch) && ALNUM_RE.test(view[i + 1] ?? "") && chars.length >= 4) {
        i++;
      } else {
        break;
      }
    }
    const expected = IBAN_LENGTHS[chars.slice(0, 2).toUpperCase()];
    const candidates = ends
      .filter((e) => e.length >= IBAN_MIN)
      .sort((a, b) => Number(b.length === expected) - Number(a.length === expected) || b.length - a.length);
    const hit = candidates.find((e) => ibanChecksumValid(chars.slice(0, e.length)));
    if (hit) {
      spans.push({ start, end: hit.end });
      IBAN_START_RE.lastIndex = hit.end;
    }
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// Payment cards
// ---------------------------------------------------------------------------------------------

/**
 * The Luhn (mod 10) check of ISO/IEC 7812-1, Annex B: from the rightmost digit, double every
 * second digit, subtract 9 from any result above 9, and the sum must be a multiple of 10.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Runs of digit groups joined by one space or dash; candidates are cut from these. */
const DIGIT_RUN_RE = /(?<![\p{L}\p{N}_+])(?<!\d[.,])\d+(?:[ \u00A0-]\d+)*/gu;

interface Group {
  start: number;
  end: number;
  digits: string;
}

function digitGroups(runStart: number, run: string): Group[] {
  const groups: Group[] = [];
  for (const g of run.matchAll(/\d+/g)) {
    groups.push({ start: runStart + g.index, end: runStart + g.index + g[0].length, digits: g[0] });
  }
  return groups;
}

/**
 * Printed card layouts: 13–19 digits written solid, in fours (the last group 1–4 digits, as in
 * 4-4-4-4-3 for 19-digit cards), or as 4-6-5 (American Express) and 4-6-4 (Diners). One kind of
 * separator throughout. The first digit is 1–9 (ISO/IEC 7812 major industry identifier; 0 is not
 * used for payment cards), which also keeps 0-leading phone numbers out.
 */
function cardShaped(groups: Group[], seps: string[]): boolean {
  const lengths = groups.map((g) => g.digits.length);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total < 13 || total > 19) return false;
  if (groups[0]!.digits[0] === "0") return false;
  if (new Set(seps).size > 1) return false;
  if (lengths.length === 1) return true;
  const last = lengths[lengths.length - 1]!;
  if (lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4) return true;
  return lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4);
}

const detectCards: Detector = (view) => {
  const spans: Span[] = [];
  for (const run of view.matchAll(DIGIT_RUN_RE)) {
    const runEnd = run.index + run[0].length;
    // "1234 5678." is fine; "1234 5678.9" or "…5678x" is part of something else.
    const after = view[runEnd];
    const runEndOk = !(isWordChar(after) || ((after === "." || after === ",") && /\d/.test(view[runEnd + 1] ?? "")));
    const groups = digitGroups(run.index, run[0]);
    const seps = groups.slice(1).map((g, k) => view.slice(groups[k]!.end, g.start));
    // Leftmost start, longest card from there (at most five groups: 4-4-4-4-3).
    for (let i = 0; i < groups.length; i++) {
      for (let j = Math.min(groups.length - 1, i + 4); j >= i; j--) {
        if (j === groups.length - 1 && !runEndOk) continue;
        const part = groups.slice(i, j + 1);
        if (!cardShaped(part, seps.slice(i, j))) continue;
        if (!luhnValid(part.map((g) => g.digits).join(""))) continue;
        spans.push({ start: part[0]!.start, end: part[part.length - 1]!.end });
        i = j;
        break;
      }
    }
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// UK National Insurance numbers
// ---------------------------------------------------------------------------------------------

/**
 * Prefix rules from HMRC's National Insurance Manual, NIM39110: neither letter is D, F, I, Q, U or
 * V; the second letter is not O; and BG, GB, KN, NK, NT, TN and ZZ are not allocated. Then six
 * digits and a suffix A, B, C or D. Spaces between the pairs are allowed ("AB 12 34 56 C");
 * letters may be in either case. (The HMRC sample "QQ 12 34 56 C" is invalid by design.)
 */
const NI_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])${HSPACE}?\\d{2}${HSPACE}?\\d{2}${HSPACE}?\\d{2}${HSPACE}?[A-D](?![\\p{L}\\p{N}_])`,
  "giu",
);
const NI_DISALLOWED_PREFIXES = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);

const detectNiNumbers: Detector = (view) =>
  matchSpans(NI_RE, view, (m) => !NI_DISALLOWED_PREFIXES.has(m[1]!.toUpperCase()));

// ---------------------------------------------------------------------------------------------
// UK postcodes
// ---------------------------------------------------------------------------------------------

/**
 * Royal Mail postcode formats (outward code, optional space, inward code), case-insensitive:
 *   A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA, and the special GIR 0AA.
 * Letters by position: first not Q, V, X; second not I, J, Z; the third in A9A only
 * A B C D E F G H J K P S T U W; the fourth in AA9A only A B E H M N P R V W X Y; the two inward
 * letters never C, I, K, M, O, V.
 */
const POSTCODE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:GIR${HSPACE}?0AA|[A-PR-UWYZ](?:[A-HK-Y]\\d[ABEHMNPRV-Y]|[A-HK-Y]\\d{1,2}|\\d[A-HJKPSTUW]|\\d{1,2})${HSPACE}?\\d([ABD-HJLNP-UW-Z]{2}))(?![\\p{L}\\p{N}_])`,
  "giu",
);

// "the M25 2nd exit": a lower-case ordinal is not an inward code.
const detectPostcodes: Detector = (view) =>
  matchSpans(POSTCODE_RE, view, (m) => !(m[1] !== undefined && /^(?:st|nd|rd|th)$/.test(m[1])));

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

/**
 * Runs of digit groups joined by a space, a dash or a dot (optionally spaced), with groups
 * optionally in parentheses ("(415)", "(0)") and an optional leading "+". Candidates are cut
 * from a run at spaces and validated on their digits.
 */
const PHONE_RUN_RE = new RegExp(
  `(?<!\\p{N})(?:\\+${HSPACE}?)?(?:\\(\\d{1,6}\\)|\\d+)(?:(?:${HSPACE}?[-.]${HSPACE}?|${HSPACE})?(?:\\(\\d{1,6}\\)|\\d+))*`,
  "gu",
);

// The scheme is bounded so that a long "a.b.c.…" word cannot make the scan quadratic.
const URL_RE = /(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.)[^\s<>"'`]+/giu;

/** North American numbers written with their usual separators: (415) 555-2671, 1-415-555-2671. */
const NANP_RE = new RegExp(
  `^(?:1${HSPACE}?[-.]?${HSPACE}?)?(?:\\([2-9]\\d{2}\\)${HSPACE}?|[2-9]\\d{2}${HSPACE}?[-.]?${HSPACE}?)[2-9]\\d{2}${HSPACE}?[-.]${HSPACE}?\\d{4}$`,
  "u",
);

const BEFORE_PHONE_FORBIDDEN = /[\p{L}\p{M}\p{N}_/.,£$€¥-]/u;

interface PhoneGroup extends Group {
  text: string;
}

/**
 * Digit counts: with "+", a country code and 8–15 digits in all (ITU-T E.164 caps a number at
 * 15); with the "00" international prefix, 10–17; with a national trunk "0", 10 or 11 (UK numbers,
 * and most European ones written nationally); otherwise only North American layouts.
 */
function phoneValid(candidate: string, groups: PhoneGroup[], plus: boolean): boolean {
  const digits = groups.map((g) => g.digits).join("");
  if (groups.length > 7) return false;
  if (groups.filter((g) => g.digits.length === 1).length > 2) return false;
  if (plus) return digits[0] !== "0" && digits.length >= 8 && digits.length <= 15;
  if (digits.startsWith("00")) return digits[2] !== "0" && digits.length >= 10 && digits.length <= 17;
  if (digits.startsWith("0")) {
    if (/^0[.,]/.test(candidate)) return false; // a decimal, 0.1234567890
    return digits.length === 10 || digits.length === 11;
  }
  return NANP_RE.test(candidate);
}

const detectPhones: Detector = (view) => {
  const urls = matchSpans(URL_RE, view);
  // Candidates come in order of their start, so one forward pointer over the URLs will do.
  let u = 0;
  const inUrl = (s: Span) => {
    while (u < urls.length && urls[u]!.end <= s.start) u++;
    return u < urls.length && urls[u]!.start < s.end;
  };
  const spans: Span[] = [];
  for (const run of view.matchAll(PHONE_RUN_RE)) {
    const runStart = run.index;
    const runEnd = runStart + run[0].length;
    const plus = run[0].startsWith("+");
    const groups: PhoneGroup[] = [];
    for (const g of run[0].matchAll(/\((\d+)\)|\d+/g)) {
      const start = runStart + g.index;
      groups.push({ start, end: start + g[0].length, digits: g[1] ?? g[0], text: g[0] });
    }
    const sepBefore = (k: number) => view.slice(groups[k - 1]!.end, groups[k]!.start);
    const after = view[runEnd];
    const runEndOk = !(
      isWordChar(after) ||
      after === "/" ||
      after === "%" ||
      ((after === "." || after === ",") && /\d/.test(view[runEnd + 1] ?? ""))
    );
    for (let i = 0; i < groups.length; i++) {
      // A phone starts at the run's start (with its "+"), or after a space inside the run.
      const start = i === 0 ? runStart : groups[i]!.start;
      if (i === 0 ? BEFORE_PHONE_FORBIDDEN.test(view[runStart - 1] ?? "") : !HSPACE_RE.test(sepBefore(i))) continue;
      // At most seven groups (checked again in phoneValid), which also keeps long runs linear.
      for (let j = Math.min(groups.length - 1, i + 6); j >= i; j--) {
        if (j === groups.length - 1 ? !runEndOk : !HSPACE_RE.test(sepBefore(j + 1))) continue;
        const span = { start, end: groups[j]!.end };
        const candidate = view.slice(span.start, span.end);
        if (!phoneValid(candidate, groups.slice(i, j + 1), plus && i === 0)) continue;
        if (inUrl(span)) continue;
        spans.push(span);
        i = j;
        break;
      }
    }
  }
  return spans;
};

// ---------------------------------------------------------------------------------------------
// Names of people mentioned
// ---------------------------------------------------------------------------------------------

/**
 * A pattern for one name: case-insensitive (Unicode case folding), whole words only, any run of
 * spaces between its words, straight or curly apostrophes and any hyphen alike, and each accented
 * letter matching both its composed and decomposed form (é or e + U+0301), since the text is not
 * normalised (it must stay byte-for-byte).
 */
function namePattern(name: string): string {
  const words = name.normalize("NFC").trim().split(/\s+/u);
  return words
    .map((word) =>
      Array.from(word)
        .map((ch) => {
          if (/['’ʼ]/u.test(ch)) return "['’ʼ]";
          if (/[-‐‑]/u.test(ch)) return "[-‐‑]";
          const nfd = ch.normalize("NFD");
          return nfd === ch ? escapeRegExp(ch) : `(?:${escapeRegExp(ch)}|${escapeRegExp(nfd)})`;
        })
        .join(""),
    )
    .join("[\\s\\u00A0]+");
}

/**
 * One alternation over all the names, longest first, so "Maria Garcia" is masked whole rather
 * than as "[NAME] Garcia". The boundaries treat letters, combining marks and digits as word
 * characters, so "Jo" does not match in "José" or "Jo2"; a possessive ("Maria's", "Maria’s",
 * "James'") matches on the name and keeps its "'s".
 */
function nameDetector(people: readonly string[]): Detector | null {
  const names = [...new Set(people.map((p) => p.normalize("NFC").trim().replace(/\s+/gu, " ")))]
    .filter((p) => Array.from(p.replace(/[^\p{L}\p{N}]/gu, "")).length >= 2)
    .sort((a, b) => b.length - a.length);
  if (names.length === 0) return null;
  const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])(?:${names.map(namePattern).join("|")})(?![\\p{L}\\p{M}\\p{N}_])`, "giu");
  return (view) => matchSpans(re, view);
}

// ---------------------------------------------------------------------------------------------
// The pipeline
// ---------------------------------------------------------------------------------------------

const MAX_PASSES = 4;

/**
 * Mask personal details in `text`. Returns the masked text and how many of each kind were found.
 * `options.people` lists names to mask as [NAME] (names shorter than two letters are ignored).
 */
export function redact(text: string, options: RedactOptions = {}): RedactionResult {
  const detectors: [RedactionKind, Detector][] = [
    ["email", detectEmails],
    ["iban", detectIbans],
    ["card", detectCards],
    ["ni_number", detectNiNumbers],
    ["postcode", detectPostcodes],
    ["phone", detectPhones],
  ];
  const names = nameDetector(options.people ?? []);
  if (names) detectors.push(["name", names]);

  const counts = new Map<RedactionKind, number>();
  let current = text;
  // A replacement can change what borders a later candidate ("Maria+44…" becomes "[NAME]+44…"),
  // so run the detectors again until a pass changes nothing: that makes redact idempotent.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const [kind, detect] of detectors) {
      const spans = nonOverlapping(detect(maskPlaceholders(current)));
      if (spans.length === 0) continue;
      current = replaceSpans(current, spans, redactionPlaceholders[kind]);
      counts.set(kind, (counts.get(kind) ?? 0) + spans.length);
      changed = true;
    }
    if (!changed) break;
  }

  return {
    text: current,
    found: REDACTION_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! })),
  };
}
