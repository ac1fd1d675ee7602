import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DOCX_LIMITS, docxToText } from "~/lib/import/docx.server";
import { extractText } from "~/lib/import/extract.server";
import { ImportError } from "~/lib/import/import-error.server";

/** The smallest valid .docx: the three parts Word needs, built in memory. */
async function docx(paragraphs: string[], { withDocument = true } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  if (withDocument) {
    const body = paragraphs
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`)
      .join("");
    zip.file(
      "word/document.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    );
  }
  return zip.generateAsync({ type: "uint8array" });
}

describe("Word .docx", () => {
  it("extracts the paragraphs as blank-line-separated text", async () => {
    const file = await docx(["Interview with Maria", "", "I left because the prices went up & <nobody> told me."]);
    expect(await docxToText(file)).toBe("Interview with Maria\n\nI left because the prices went up & <nobody> told me.");
  });

  it("refuses a broken file with a message that says what to do", async () => {
    const good = await docx(["Hello"]);
    const truncated = good.slice(0, Math.floor(good.length / 2));
    await expect(docxToText(truncated)).rejects.toThrow(/could not be read: it may be damaged/);
    await expect(docxToText(new TextEncoder().encode("plain text renamed to .docx"))).rejects.toThrow(
      /not a Word document/,
    );
    await expect(docxToText(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(
      /older Word document \(\.doc\)/,
    );
  });

  it("refuses a zip without a document part, an empty file and a document without text", async () => {
    await expect(docxToText(await docx([], { withDocument: false }))).rejects.toThrow(ImportError);
    await expect(docxToText(new Uint8Array())).rejects.toThrow("The file is empty.");
    await expect(docxToText(await docx(["", "  "]))).rejects.toThrow("The Word document holds no text.");
  });
});

describe("Word .docx off the main thread", () => {
  /** The longest the event loop went without running a 5 ms timer while `work` ran. */
  async function longestStall(work: Promise<unknown>): Promise<number> {
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      await work.catch(() => undefined);
    } finally {
      clearInterval(timer);
    }
    return longest;
  }

  it("converts a long document while the event loop keeps running", async () => {
    const file = await docx(Array.from({ length: 60_000 }, (_, i) => `Paragraph ${i} of a long interview transcript.`));
    let text = "";
    const stall = await longestStall(docxToText(file).then((t) => (text = t)));
    expect(text.split("\n\n")).toHaveLength(60_000);
    expect(stall).toBeLessThan(500);
  }, 60_000);

  it("ends a conversion that outlasts its deadline, and says the file is too complex", async () => {
    const file = await docx(Array.from({ length: 20_000 }, (_, i) => `Paragraph ${i}.`));
    const failure = await docxToText(file, { unzip: DOCX_LIMITS, mammoth: { heapMb: 512, timeoutMs: 1 } }).catch((err: ImportError) => err);
    expect(failure).toBeInstanceOf(ImportError);
    expect(failure).toMatchObject({ tooLarge: true, message: "This .docx file is too complex to read (it needed more than 0.001 seconds). Save it as plain text, or paste the text." });
  });

  it("refuses a document part over the unpacked limit before converting it", async () => {
    const file = await docx(["x".repeat(4096)]);
    const failure = await docxToText(file, { unzip: { ...DOCX_LIMITS, maxEntryBytes: 1024 }, mammoth: { heapMb: 512, timeoutMs: 30_000 } }).catch((err: ImportError) => err);
    expect(failure).toMatchObject({ tooLarge: true, message: expect.stringMatching(/^This \.docx file holds “word\/document\.xml”, which unpacks to more than 1 KB; at most 1 KB per file is accepted\. /) });
  });
});

describe("extractText", () => {
  it("picks the converter by extension and takes the title from the file name", async () => {
    const word = await extractText("Interview Maria.final.DOCX", await docx(["Hi"]));
    expect(word).toEqual({ text: "Hi", title: "Interview Maria.final" });
    const vtt = await extractText("call.vtt", new TextEncoder().encode("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Yes\n"));
    expect(vtt).toEqual({ text: "[00:00:01] A: Yes", title: "call" });
    const md = await extractText("notes.md", new TextEncoder().encode("# Notes\n"));
    expect(md.text).toBe("# Notes");
  });

  it("names the formats it accepts when given another", async () => {
    await expect(extractText("report.pdf", new Uint8Array([1]))).rejects.toThrow(
      ".pdf files cannot be imported. Choose a .txt, .md, .docx, .vtt or .srt file, or paste the text.",
    );
    await expect(extractText("README", new Uint8Array([1]))).rejects.toThrow(/Files without an extension/);
  });
});
