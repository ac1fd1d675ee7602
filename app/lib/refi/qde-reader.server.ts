/**
 * project.qde (urn:QDA-XML:project:1.0) read into plain objects: only what the importer uses,
 * plus counts of what it cannot use, so the report can name them. Namespace prefixes are
 * dropped (tools write the default namespace, or none at all as qualitative-coding does).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { HttpError } from "../http/errors.server";

export interface RefiCode {
  guid: string;
  name: string;
  /** False for a folder (`isCodable="false"`): it groups codes and is never applied. */
  codable: boolean;
  color?: string;
  description: string;
  noteRefs: string[];
  children: RefiCode[];
}
export interface RefiCoding {
  guid: string;
  codeGuid?: string;
  creatingUser?: string;
  createdAt?: string;
  noteRefs: string[];
}
export interface RefiSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  creatingUser?: string;
  createdAt?: string;
  description: string;
  noteRefs: string[];
  codings: RefiCoding[];
}
export type RefiValue = { variableGuid: string; value: string | number | boolean };
export interface RefiTextSource {
  guid: string;
  name?: string;
  plainTextPath?: string;
  richTextPath?: string;
  plainTextContent?: string;
  selections: RefiSelection[];
  /** Selections of other kinds (none are defined for text, but tools write what they like). */
  otherSelections: number;
  noteRefs: string[];
  values: RefiValue[];
}
export interface RefiUser {
  guid: string;
  name: string;
  /** The user's `id` attribute: a login or, in some tools, an e-mail address. */
  id?: string;
}
export interface RefiNote {
  guid: string;
  name: string;
  text: string;
  creatingUser?: string;
  createdAt?: string;
  modifiedAt?: string;
}
export interface RefiProject {
  name?: string;
  origin?: string;
  description: string;
  users: RefiUser[];
  codes: RefiCode[];
  sources: RefiTextSource[];
  /** PDF, picture, audio and video sources: named in the report, not imported. */
  otherSources: { kind: string; name: string }[];
  variables: { guid: string; name: string; type?: string }[];
  cases: { guid: string; name: string; sourceGuids: string[]; values: RefiValue[] }[];
  notes: RefiNote[];
  unsupported: { what: string; count: number }[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  "User", "Code", "TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource", "PlainTextSelection",
  "Coding", "NoteRef", "Note", "Variable", "VariableValue", "Case", "SourceRef", "Set", "Graph", "Link",
]);

/** Elements inside elements, the parser's own default: a code tree deeper than ~95 levels is not a real one. */
export const MAX_XML_DEPTH = 100;

const parser = new XMLParser({
  maxNestedTags: MAX_XML_DEPTH,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

const list = (node: unknown, key: string): Node[] => {
  const value = node && typeof node === "object" ? (node as Node)[key] : undefined;
  return Array.isArray(value) ? (value as Node[]).filter((v) => v && typeof v === "object") : [];
};
const child = (node: unknown, key: string): Node | undefined => {
  const value = node && typeof node === "object" ? (node as Node)[key] : undefined;
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Node) : undefined;
};
const attr = (node: Node, name: string): string | undefined => {
  const v = node[`@${name}`];
  return typeof v === "string" ? v : undefined;
};
/** An element's text, whether the parser gave a string or an object with attributes. */
const textOf = (node: unknown, key: string): string => {
  const value = node && typeof node === "object" ? (node as Node)[key] : undefined;
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Node)["#text"] === "string") return (value as Node)["#text"] as string;
  return "";
};
const noteRefs = (node: Node) => list(node, "NoteRef").map((r) => attr(r, "targetGUID") ?? "").filter(Boolean);
const int = (value: string | undefined) => (value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN);

function readCode(node: Node): RefiCode {
  return {
    guid: attr(node, "guid") ?? "",
    name: attr(node, "name") ?? "",
    codable: !/^\s*(false|0)\s*$/.test(attr(node, "isCodable") ?? ""),
    color: attr(node, "color"),
    description: textOf(node, "Description"),
    noteRefs: noteRefs(node),
    children: list(node, "Code").map(readCode),
  };
}

function readValues(node: Node): RefiValue[] {
  return list(node, "VariableValue").flatMap((v): RefiValue[] => {
    const variableGuid = attr(child(v, "VariableRef") ?? {}, "targetGUID");
    if (!variableGuid) return [];
    if ("BooleanValue" in v) return [{ variableGuid, value: /^(true|1)$/i.test(textOf(v, "BooleanValue").trim()) }];
    for (const key of ["IntegerValue", "FloatValue"]) {
      if (key in v) {
        const n = Number(textOf(v, key));
        return Number.isFinite(n) ? [{ variableGuid, value: n }] : [];
      }
    }
    for (const key of ["TextValue", "DateValue", "DateTimeValue"]) if (key in v) return [{ variableGuid, value: textOf(v, key) }];
    return [];
  });
}

function readSelection(node: Node): RefiSelection {
  return {
    guid: attr(node, "guid") ?? "",
    name: attr(node, "name"),
    start: int(attr(node, "startPosition")),
    end: int(attr(node, "endPosition")),
    creatingUser: attr(node, "creatingUser"),
    createdAt: attr(node, "creationDateTime"),
    description: textOf(node, "Description"),
    noteRefs: noteRefs(node),
    codings: list(node, "Coding").map((c) => ({
      guid: attr(c, "guid") ?? "",
      codeGuid: attr(child(c, "CodeRef") ?? {}, "targetGUID"),
      creatingUser: attr(c, "creatingUser"),
      createdAt: attr(c, "creationDateTime"),
      noteRefs: noteRefs(c),
    })),
  };
}

function readSource(node: Node): RefiTextSource {
  const known = new Set(["PlainTextSelection", "NoteRef", "VariableValue", "Description", "PlainTextContent", "#text"]);
  const others = Object.keys(node).filter((k) => !k.startsWith("@") && !known.has(k) && k.endsWith("Selection"));
  return {
    guid: attr(node, "guid") ?? "",
    name: attr(node, "name"),
    plainTextPath: attr(node, "plainTextPath"),
    richTextPath: attr(node, "richTextPath"),
    plainTextContent: "PlainTextContent" in node ? textOf(node, "PlainTextContent") : undefined,
    selections: list(node, "PlainTextSelection").map(readSelection),
    otherSelections: others.reduce((n, k) => n + (Array.isArray(node[k]) ? (node[k] as unknown[]).length : 1), 0),
    noteRefs: noteRefs(node),
    values: readValues(node),
  };
}

const invalidXml = (message: string) => new HttpError(422, "invalid_qde", message);

/**
 * Whether the XML holds a DOCTYPE as markup (not inside a comment, CDATA or a processing
 * instruction). A DOCTYPE is where entities are declared, and entities are how a small XML
 * file expands without end ("billion laughs"); the parser reads one wherever it appears.
 * REFI-QDA files have none (they are checked against an XSD), so one is refused outright.
 */
export function declaresDoctype(xml: string): boolean {
  const skipTo = (from: number, end: string) => {
    const at = xml.indexOf(end, from);
    return at < 0 ? xml.length : at + end.length;
  };
  for (let i = xml.indexOf("<"); i >= 0 && i < xml.length; i = xml.indexOf("<", i)) {
    if (xml.startsWith("<!--", i)) i = skipTo(i + 4, "-->");
    else if (xml.startsWith("<![CDATA[", i)) i = skipTo(i + 9, "]]>");
    else if (xml.startsWith("<?", i)) i = skipTo(i + 2, "?>");
    else if (xml.startsWith("<!", i) && xml.slice(i + 2, i + 9).toUpperCase() === "DOCTYPE") return true;
    else i++;
  }
  return false;
}

/** The parser's tree, or a 422 naming what made it give up (nesting, entities, its own limits). */
function parseTree(xml: string, fileName: string): Node {
  try {
    return parser.parse(xml) as Node;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (/nested tags/i.test(reason)) {
      throw invalidXml(`${fileName} nests its elements more than ${MAX_XML_DEPTH} deep; no REFI-QDA project needs that many levels. Nothing was imported.`);
    }
    throw invalidXml(`${fileName} could not be read (${reason}). Nothing was imported.`);
  }
}

/**
 * Parses project.qde; malformed XML, a DOCTYPE, or XML that is not a REFI project, is a 422
 * saying so, before anything is written.
 */
export function readQde(xml: string, fileName: string): RefiProject {
  if (declaresDoctype(xml)) {
    throw invalidXml(`${fileName} declares a DOCTYPE; a REFI-QDA project has none, and Thicket does not read one (its entities can expand without end). Nothing was imported.`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw invalidXml(`${fileName} is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}). Nothing was imported.`);
  }
  const root = child(parseTree(xml, fileName), "Project");
  if (!root) throw invalidXml(`${fileName} is XML but not a REFI-QDA project: its root element is not <Project>.`);
  const sources = child(root, "Sources") ?? {};
  const otherSources = ["PDFSource", "PictureSource", "AudioSource", "VideoSource"].flatMap((kind) =>
    list(sources, kind).map((s) => ({ kind, name: attr(s, "name") ?? attr(s, "guid") ?? "unnamed" })),
  );
  const count = (what: string, n: number) => (n ? [{ what, count: n }] : []);
  return {
    name: attr(root, "name"),
    origin: attr(root, "origin"),
    description: textOf(root, "Description"),
    users: list(child(root, "Users"), "User").map((u) => ({ guid: attr(u, "guid") ?? "", name: attr(u, "name") ?? attr(u, "id") ?? "", id: attr(u, "id") })),
    codes: list(child(child(root, "CodeBook"), "Codes"), "Code").map(readCode),
    sources: list(sources, "TextSource").map(readSource),
    otherSources,
    variables: list(child(root, "Variables"), "Variable").map((v) => ({ guid: attr(v, "guid") ?? "", name: attr(v, "name") ?? "", type: attr(v, "typeOfVariable") })),
    cases: list(child(root, "Cases"), "Case").map((c) => ({
      guid: attr(c, "guid") ?? "",
      name: attr(c, "name") ?? "",
      sourceGuids: list(c, "SourceRef").map((r) => attr(r, "targetGUID") ?? "").filter(Boolean),
      values: readValues(c),
    })),
    notes: list(child(root, "Notes"), "Note").map((n) => ({
      guid: attr(n, "guid") ?? "",
      name: attr(n, "name") ?? "",
      text: textOf(n, "PlainTextContent"),
      creatingUser: attr(n, "creatingUser"),
      createdAt: attr(n, "creationDateTime"),
      modifiedAt: attr(n, "modifiedDateTime"),
    })),
    unsupported: [
      ...count("set", list(child(root, "Sets"), "Set").length),
      ...count("graph", list(child(root, "Graphs"), "Graph").length),
      ...count("link", list(child(root, "Links"), "Link").length),
    ],
  };
}
