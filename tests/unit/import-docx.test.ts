import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { docxToText } from "~/lib/import/docx.server";
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
