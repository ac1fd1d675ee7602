import { describe, expect, it } from "vitest";
import { codeElements, codePaths } from "../../app/lib/refi/codebook-xml";
import { attachmentDisposition } from "../../app/lib/refi/download";
import { isGuid, refiGuid, uuidV5 } from "../../app/lib/refi/guid";
import { projectVariables, variableValues, type Attributes } from "../../app/lib/refi/variables";
import { xmlAttr, xmlText } from "../../app/lib/refi/xml";

describe("REFI GUIDs", () => {
  it("are RFC 9562 version-5 UUIDs", () => {
    // The value Python's uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com") gives.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("are stable per object and distinct per kind", () => {
    const id = "AbC-123_xyzXYZ09";
    expect(refiGuid("code", id)).toBe(refiGuid("code", id));
    expect(refiGuid("selection", id)).not.toBe(refiGuid("coding", id));
    expect(isGuid(refiGuid("source", id))).toBe(true);
  });
});

describe("XML escaping", () => {
  it("keeps carriage returns and drops characters XML cannot hold", () => {
    expect(xmlText("a & b <c>\r\n")).toBe("a &amp; b &lt;c&gt;&#13;\n");
    expect(xmlAttr('say "hi"\tnow\n')).toBe("say &quot;hi&quot;&#9;now&#10;");
    expect(xmlText("bell\u0007 lone\uD800 ok😀")).toBe("bell\uFFFD lone\uFFFD ok😀");
  });
});

describe("codebook", () => {
  const codes = [
    { id: "p", name: "Parent", parentId: null, color: "#112233", description: "" },
    { id: "c", name: "Child", parentId: "p", color: "not a colour", description: "Why" },
    { id: "x", name: "Loop", parentId: "y", color: "#abc", description: "" },
    { id: "y", name: "Pool", parentId: "x", color: "#abc", description: "" },
  ];
  it("nests children, leaves out invalid colours, and never loses a code caught in a cycle", () => {
    const xml = codeElements(codes);
    expect(xml).toContain('name="Parent" isCodable="true" color="#112233"><Code guid=');
    expect(xml).toContain('name="Child" isCodable="true"><Description>Why</Description></Code>');
    expect(xml.match(/<Code /g)).toHaveLength(4);
    expect(codePaths(codes).get("c")).toBe("Parent / Child");
  });
});

describe("variables", () => {
  it("types attributes from all their values and writes each document's", () => {
    const docs: { attributes: Attributes }[] = [
      { attributes: { n: 1, f: 2, when: "2024-01-31", mixed: 3 } },
      { attributes: { n: 2, f: 0.5, when: "2024-02-01", mixed: "x", none: null } },
    ];
    const variables = projectVariables("p", docs);
    expect([...variables.values()].map((v) => [v.name, v.type])).toEqual([
      ["f", "Float"],
      ["mixed", "Text"],
      ["n", "Integer"],
      ["when", "Date"],
    ]);
    expect(variableValues(variables, { f: 1e-7 })).toContain("<FloatValue>0.0000001</FloatValue>");
  });
});

it("names downloads after the project, with an ASCII fallback", () => {
  expect(attachmentDisposition('Études: "été"', "qdpx")).toBe(
    `attachment; filename="Etudes ete.qdpx"; filename*=UTF-8''%C3%89tudes%20%C3%A9t%C3%A9.qdpx`,
  );
});
