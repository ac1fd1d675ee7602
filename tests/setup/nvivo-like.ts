/**
 * A .qdpx shaped like a real NVivo 12 (Windows) export: UTF-8 text files with a byte-order mark
 * and CR LF line ends, emoji in what people said, selections with empty names, and positions
 * counted the .NET way (UTF-16 code units of the text without its byte-order mark, CR LF as
 * two). Deterministic, so a failure names the same coding every time.
 */
import { strToU8, zipSync } from "fflate";

const LINES = [
  "Interviewer: How did the first week go? 🙂",
  "Participant: Honestly it was rough 😅 but the team helped a lot.",
  "We had three meetings 👩🏽‍💻 and nobody knew the plan.",
  "The costs went up again, and the budget 💸 was never discussed.",
  "I hope it gets better next term 🤞 because the students deserve it.",
  "Interviewer: What would you change?",
  "Participant: More time to plan, fewer emails 📧, clearer roles.",
  "Some days I felt alone 😔 even with everyone around.",
];

export interface ExpectedCoding {
  source: string;
  code: string;
  quote: string;
}

/** Every whole word of four letters or more, coded: about what a busy coder leaves behind. */
function selectionsOf(text: string) {
  const out: { start: number; end: number; quote: string; code: string }[] = [];
  for (const m of text.matchAll(/\p{L}{4,}(?: \p{L}+)?/gu)) {
    const code = m[0].length % 3 === 0 ? "feel" : m[0].length % 3 === 1 ? "work" : "cost";
    // UTF-16 code units: JavaScript string indices are exactly what .NET counts.
    out.push({ start: m.index!, end: m.index! + m[0].length, quote: m[0], code });
  }
  return out;
}

export function nvivoLikeQdpx(options: { origin?: string; sources?: number } = {}) {
  const origin = options.origin ?? "NVivo 12 (12.6.1.970)";
  const files: Record<string, Uint8Array> = {};
  const expected: ExpectedCoding[] = [];
  let sources = "";
  for (let n = 1; n <= (options.sources ?? 3); n++) {
    const lines = [...LINES.slice(n - 1), ...LINES.slice(0, n - 1)];
    const text = `${lines.join("\r\n")}\r\n`;
    const guid = `0f1e2d3c-0000-4000-8000-00000000000${n}`;
    files[`Sources/${guid}.txt`] = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)]);
    let selections = "";
    selectionsOf(text).forEach((s, i) => {
      const id = `${n}${String(i).padStart(4, "0")}`;
      selections +=
        `<PlainTextSelection guid="5e1ec7ed-0000-4000-8000-0000000${id}" name="" startPosition="${s.start}" endPosition="${s.end}" creatingUser="a0a0a0a0-0000-4000-8000-000000000001" creationDateTime="2021-03-04T10:11:12Z">` +
        `<Coding guid="c0d10000-0000-4000-8000-0000000${id}" creatingUser="a0a0a0a0-0000-4000-8000-000000000001"><CodeRef targetGUID="${CODES[s.code]}"/></Coding></PlainTextSelection>`;
      expected.push({ source: `Interview ${n}`, code: s.code, quote: s.quote });
    });
    sources += `<TextSource guid="${guid}" name="Interview ${n}" plainTextPath="internal://${guid}.txt">${selections}</TextSource>`;
  }
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Study" origin="${origin}">
<Users><User guid="a0a0a0a0-0000-4000-8000-000000000001" name="Researcher"/></Users>
<CodeBook><Codes>${Object.entries(CODES).map(([name, guid]) => `<Code guid="${guid}" name="${name}" isCodable="true"/>`).join("")}</Codes></CodeBook>
<Sources>${sources}</Sources>
</Project>`;
  files["project.qde"] = strToU8(qde);
  return { bytes: zipSync(files), expected };
}

const CODES: Record<string, string> = {
  feel: "c0de0000-0000-4000-8000-000000000001",
  work: "c0de0000-0000-4000-8000-000000000002",
  cost: "c0de0000-0000-4000-8000-000000000003",
};
