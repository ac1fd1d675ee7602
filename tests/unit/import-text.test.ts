import { describe, expect, it } from "vitest";
import { decodeText, normaliseText, plainTextToText } from "~/lib/import/text.server";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("plain text and Markdown", () => {
  it("keeps the text as written, with uniform line ends and no byte-order mark", () => {
    expect(plainTextToText(bytes("\uFEFF# Field note\r\n\r\nMet *Ana* at the  market.\r\nShe said: \"no\".\r\n\r\n"))).toBe(
      '# Field note\n\nMet *Ana* at the  market.\nShe said: "no".',
    );
  });

  it("turns old Mac line ends into newlines and drops control characters but keeps tabs", () => {
    expect(normaliseText("a\rb\u0007\tc\n\n\n")).toBe("a\nb\tc");
  });

  it("drops blank lines at the start but keeps indentation of the first line", () => {
    expect(normaliseText("\n \n  indented\n")).toBe("  indented");
  });

  it("reads UTF-16 with a byte-order mark and falls back to Windows-1252 for invalid UTF-8", () => {
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]);
    expect(decodeText(be)).toBe("hé");
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBe("café");
    expect(decodeText(bytes("café"))).toBe("café");
    // Word's curly quotes, dashes and the euro sign, as an old Windows editor saves them.
    expect(decodeText(new Uint8Array([0x93, 0x35, 0x80, 0x94, 0x20, 0x96, 0x20, 0x85]))).toBe("“5€” – …");
  });

  it("refuses an empty file, a blank one and a binary one", () => {
    expect(() => plainTextToText(new Uint8Array())).toThrow("The file is empty.");
    expect(() => plainTextToText(bytes(" \r\n\t\n"))).toThrow("The file holds no text.");
    expect(() => plainTextToText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]))).toThrow(
      /does not look like a text file/,
    );
  });
});
