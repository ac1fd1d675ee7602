/**
 * Document attributes as REFI-QDA variables. Each attribute name becomes one project Variable,
 * typed from every value it takes (all yes/no → Boolean, whole numbers → Integer, numbers →
 * Float, `YYYY-MM-DD` strings → Date, anything else or a mix → Text). A document's values are
 * VariableValues on its TextSource (the schema allows them there, and they are per document);
 * each case key becomes a Case pointing at its documents (SourceRef) and carrying the values
 * all of them share, for tools such as NVivo that read variables from cases. Pure.
 */
import { refiGuid } from "./guid";
import { element, xmlText } from "./xml";

export type AttributeValue = string | number | boolean | null;
export type Attributes = Record<string, AttributeValue>;
export type VariableType = "Text" | "Boolean" | "Integer" | "Float" | "Date";

export interface Variable {
  name: string;
  guid: string;
  type: VariableType;
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

function typeOf(value: Exclude<AttributeValue, null>): VariableType {
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "Float";
  return isDate(value) ? "Date" : "Text";
}

/** Two types seen for one attribute: numbers widen to Float, anything else mixed is Text. */
function widen(a: VariableType, b: VariableType): VariableType {
  if (a === b) return a;
  const numeric = new Set<VariableType>(["Integer", "Float"]);
  return numeric.has(a) && numeric.has(b) ? "Float" : "Text";
}

/** The variables of a project's documents, by name; `projectId` scopes their GUIDs. */
export function projectVariables(projectId: string, documents: Iterable<{ attributes: Attributes }>): Map<string, Variable> {
  const types = new Map<string, VariableType>();
  for (const { attributes } of documents) {
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) continue;
      const seen = types.get(name);
      types.set(name, seen ? widen(seen, typeOf(value)) : typeOf(value));
    }
  }
  const variables = new Map<string, Variable>();
  for (const [name, type] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
    variables.set(name, { name, type, guid: refiGuid("variable", `${projectId}:${name}`) });
  }
  return variables;
}

/** xsd:decimal has no exponent: 1e-7 is written 0.0000001. */
function decimal(value: number): string {
  const plain = String(value);
  return /e/i.test(plain) ? value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : plain;
}

function valueElement(type: VariableType, value: Exclude<AttributeValue, null>): string {
  switch (type) {
    case "Boolean":
      return `<BooleanValue>${String(value)}</BooleanValue>`;
    case "Integer":
      return `<IntegerValue>${String(value)}</IntegerValue>`;
    case "Float":
      return `<FloatValue>${decimal(Number(value))}</FloatValue>`;
    case "Date":
      return `<DateValue>${String(value)}</DateValue>`;
    default:
      return `<TextValue>${xmlText(String(value))}</TextValue>`;
  }
}

/** `<VariableValue>` elements for one document's (or case's) attributes, in variable order. */
export function variableValues(variables: ReadonlyMap<string, Variable>, attributes: Attributes): string {
  let out = "";
  for (const variable of variables.values()) {
    const value = attributes?.[variable.name];
    if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) continue;
    out += `<VariableValue>${element("VariableRef", { targetGUID: variable.guid })}${valueElement(variable.type, value)}</VariableValue>`;
  }
  return out;
}

/**
 * `<Variables>…</Variables>`, or nothing when there is none (it may not be empty); `first` are
 * `<Variable>` elements written before the attributes' (the document kind's).
 */
export function variablesElement(variables: ReadonlyMap<string, Variable>, first = ""): string {
  const inner = first + [...variables.values()].map((v) => element("Variable", { guid: v.guid, name: v.name, typeOfVariable: v.type })).join("");
  return inner ? `<Variables>${inner}</Variables>` : "";
}

export interface CaseDocument {
  id: string;
  caseKey: string | null;
  attributes: Attributes;
}

/** `<Cases>…</Cases>`: one Case per case key, with its shared values and its documents. */
export function casesElement(
  projectId: string,
  variables: ReadonlyMap<string, Variable>,
  documents: readonly CaseDocument[],
  sourceGuid: (documentId: string) => string,
): string {
  const byKey = new Map<string, CaseDocument[]>();
  for (const doc of documents) {
    if (!doc.caseKey) continue;
    const list = byKey.get(doc.caseKey) ?? [];
    list.push(doc);
    byKey.set(doc.caseKey, list);
  }
  if (byKey.size === 0) return "";
  let out = "<Cases>";
  for (const [key, docs] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const shared: Attributes = {};
    for (const name of variables.keys()) {
      const first = docs[0]!.attributes?.[name];
      if (first !== undefined && docs.every((d) => d.attributes?.[name] === first)) shared[name] = first;
    }
    const refs = docs.map((d) => element("SourceRef", { targetGUID: sourceGuid(d.id) })).join("");
    out += element("Case", { guid: refiGuid("case", `${projectId}:${key}`), name: key }, variableValues(variables, shared) + refs);
  }
  return `${out}</Cases>`;
}
