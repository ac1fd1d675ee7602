import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ImportError } from "~/lib/import/import-error.server";
import { srtToText } from "~/lib/import/srt.server";
import { cueStart, formatTime } from "~/lib/import/transcript.server";
import { vttToText } from "~/lib/import/vtt.server";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);

describe("WebVTT", () => {
  it("keeps time and speaker with each cue, drops the header, notes, styles and cue ids", () => {
    expect(vttToText(fixture("interview.vtt"))).toBe(
      [
        "[00:00:01] Interviewer: Why did you cancel your contract?",
        "[00:01:02] Maria: I left because the prices went up and nobody told me.",
        "[00:01:02] Maria: It was three times in a year & I had enough.",
        "[00:01:02] Interviewer: Thank you.",
        "[00:02:10] Maria: Plain speaker lines work too.",
      ].join("\n"),
    );
  });

  it("reads a file with a byte-order mark and CRLF line ends", () => {
    const text = "\uFEFFWEBVTT\r\n\r\n00:00:05.000 --> 00:00:06.000\r\n<v Ana>Hola\r\n";
    expect(vttToText(bytes(text))).toBe("[00:00:05] Ana: Hola");
  });

  it("keeps cues without a speaker as plain timed lines, and hours past the first", () => {
    const text = "WEBVTT\n\n01:15:30.000 --> 01:15:32.000\nJust words, nobody named.\n";
    expect(vttToText(bytes(text))).toBe("[01:15:30] Just words, nobody named.");
  });

  it("refuses a file that does not start with WEBVTT", () => {
    expect(() => vttToText(bytes("00:00:01.000 --> 00:00:02.000\nHi\n"))).toThrow(/must start with the line WEBVTT/);
    expect(() => vttToText(bytes("WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHi\n"))).toThrow(ImportError);
  });

  it("refuses an empty file and one without cues", () => {
    expect(() => vttToText(new Uint8Array())).toThrow("The file is empty.");
    expect(() => vttToText(bytes("WEBVTT\n\nNOTE nothing was said\n"))).toThrow(/No spoken text found/);
  });
});

describe("SubRip", () => {
  it("drops cue numbers, joins multi-line cues, strips markup and keeps speakers and dialogue turns", () => {
    expect(srtToText(fixture("interview.srt"))).toBe(
      [
        "[00:00:01] INTERVIEWER: Tell me about the day you switched.",
        "[00:00:04] Maria: It was raining, and the app crashed again.",
        "[00:00:10] Really?",
        "[00:00:10] Yes, really.",
      ].join("\n"),
    );
  });

  it("copes with cues that have no blank line between them", () => {
    const text = "1\n00:00:01,000 --> 00:00:02,000\nFirst\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n";
    expect(srtToText(bytes(text))).toBe("[00:00:01] First\n[00:00:03] Second");
  });

  it("reads UTF-16 and Windows-1252 files", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nJosé\n", "utf16le")]);
    expect(srtToText(new Uint8Array(utf16))).toBe("[00:00:01] José");
    const cp1252 = Buffer.concat([Buffer.from("1\r\n00:00:01,000 --> 00:00:02,000\r\nCaf"), Buffer.from([0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94])]);
    expect(srtToText(new Uint8Array(cp1252))).toBe("[00:00:01] Café “ok”");
  });

  it("refuses text with no cues, and an empty file", () => {
    expect(() => srtToText(bytes("Just some notes\nwithout times\n"))).toThrow(/No spoken text found in this SubRip/);
    expect(() => srtToText(new Uint8Array())).toThrow("The file is empty.");
  });
});

describe("cue times", () => {
  it("parses both separators and optional hours, and formats as [hh:mm:ss]", () => {
    expect(cueStart("00:01:02,500 --> 00:01:03,000")).toBe(62);
    expect(cueStart("01:02.500 --> 01:03.000 line:0")).toBe(62);
    expect(cueStart("Maria: 10:00 is when we met")).toBeNull();
    expect(formatTime(3723.9)).toBe("[01:02:03]");
  });
});
