/**
 * Escaping for the REFI-QDA XML we write by hand (string building keeps the export streaming:
 * one source's elements at a time, never the whole document in memory). Pure.
 */

/**
 * Characters XML 1.0 cannot hold at all, not even as character references: C0 controls other
 * than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. Thicket texts
 * can hold them (API text is stored as sent), so they become U+FFFD in the XML. The plain-text
 * source files are written untouched, so selections' offsets never move.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const textEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
const attrEntities: Record<string, string> = { ...textEntities, '"': "&quot;", "\t": "&#9;", "\n": "&#10;" };

/**
 * Element content. A carriage return is written as `&#13;`: a parser turns a literal CR LF into
 * LF, which would change a memo's text on the way back in.
 */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/[&<>\r]/g, (c) => textEntities[c]!);
}

/** An attribute value (inside double quotes); tabs and line ends survive attribute normalisation. */
export function xmlAttr(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/[&<>"\r\n\t]/g, (c) => attrEntities[c]!);
}

/** ` name="value"…` for the attributes that have a value; undefined and null ones are left out. */
export function attributes(values: Record<string, string | number | boolean | null | undefined>): string {
  let out = "";
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    out += ` ${name}="${xmlAttr(String(value))}"`;
  }
  return out;
}

/** `<name attrs>inner</name>`, or `<name attrs/>` when there is nothing inside. */
export function element(name: string, attrs: Parameters<typeof attributes>[0], inner = ""): string {
  const open = `${name}${attributes(attrs)}`;
  return inner ? `<${open}>${inner}</${name}>` : `<${open}/>`;
}

/** xsd:dateTime in UTC with milliseconds, e.g. 2026-12-02T12:59:55.123Z. */
export const xmlDateTime = (date: Date): string => date.toISOString();

/** REFI's RGBType is `#rrggbb` or `#rgb`; anything else is left out rather than made invalid. */
export function refiColor(color: string | null | undefined): string | undefined {
  return color && /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.test(color) ? color : undefined;
}
