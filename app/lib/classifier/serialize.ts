/**
 * A model as bytes, to keep in a database column or a file, and back. Layout (little-endian):
 *   "THKC" · u32 format version · u32 header length · header (UTF-8 JSON: term count, part
 *   count, intercepts, bytes of terms) · terms (UTF-8, one per line: a term never holds a line
 *   break) · zero padding to a multiple of 8 · per part (full model first, then fold 0 … K−1):
 *   idf (f64 × terms), weights (f64 × terms).
 * Every number survives exactly, so a restored model scores exactly as the original.
 */
import { TextClassifierModel, type LinearPart } from "./model";
import { Vocabulary } from "./vocabulary";

const MAGIC = "THKC";
const VERSION = 1;

interface Header {
  terms: number;
  parts: number;
  intercepts: number[];
  termBytes: number;
}

export function serializeModel(model: TextClassifierModel): Uint8Array {
  const parts = [model.full, ...model.folds];
  const termBytes = new TextEncoder().encode(model.vocabulary.terms.join("\n"));
  const header: Header = { terms: model.vocabulary.size, parts: parts.length, intercepts: parts.map((p) => p.intercept), termBytes: termBytes.length };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const arraysAt = Math.ceil((12 + headerBytes.length + termBytes.length) / 8) * 8;
  const bytes = new Uint8Array(arraysAt + parts.length * 2 * header.terms * 8);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  bytes.set(termBytes, 12 + headerBytes.length);
  let at = arraysAt;
  for (const part of parts) {
    for (const array of [part.idf, part.weights]) {
      for (let i = 0; i < array.length; i++, at += 8) view.setFloat64(at, array[i] as number, true);
    }
  }
  return bytes;
}

export function deserializeModel(bytes: Uint8Array): TextClassifierModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error("Not a Thicket text classifier model");
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`Model format ${version} is not supported (this build reads ${VERSION})`);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  const termsAt = 12 + headerLength;
  const text = new TextDecoder().decode(bytes.subarray(termsAt, termsAt + header.termBytes));
  const terms = header.terms === 0 ? [] : text.split("\n");
  let at = Math.ceil((termsAt + header.termBytes) / 8) * 8;
  if (terms.length !== header.terms || bytes.length !== at + header.parts * 2 * header.terms * 8) throw new Error("The model's bytes are truncated or corrupt");
  const readArray = () => {
    const out = new Float64Array(header.terms);
    for (let i = 0; i < out.length; i++, at += 8) out[i] = view.getFloat64(at, true);
    return out;
  };
  const parts: LinearPart[] = header.intercepts.map((intercept) => ({ idf: readArray(), weights: readArray(), intercept }));
  const [full, ...folds] = parts;
  if (!full) throw new Error("The model has no parts");
  return new TextClassifierModel(new Vocabulary(terms), full, folds);
}
