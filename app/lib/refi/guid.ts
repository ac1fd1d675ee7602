/**
 * REFI-QDA wants every element's id in GUID form (8-4-4-4-12 hex); Thicket ids are 16-character
 * URL-safe random strings (db/ids.ts). Each exported id is therefore derived, deterministically,
 * as a UUID version 5 (RFC 9562: SHA-1 of a namespace and a name) of `<kind>:<Thicket id>`
 * under Thicket's own namespace below. The same object gets the same GUID in every export, so a
 * re-export is stable and another tool can match what it imported before; the kind prefix keeps
 * GUIDs distinct where one Thicket row yields several REFI elements (a coding becomes a
 * PlainTextSelection and a Coding). The mapping is one-way: an importer keeps its own table.
 *
 * Pure and dependency-free (a small SHA-1 of our own, synchronous) so the browser, the importer
 * and the exporter can all use it; it is fast enough for hundreds of thousands of ids.
 */

/** Thicket's UUID namespace: a fixed random UUID, never to change (it would change every GUID). */
export const THICKET_GUID_NAMESPACE = "5c1f2d6e-8a47-4b0e-9d3a-7e2b6f41c0d8";

/** What a GUID stands for: part of the hashed name, so kinds never collide. */
export type GuidKind = "project" | "user" | "code" | "source" | "selection" | "coding" | "note" | "case" | "variable";

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => GUID_PATTERN.test(value) || GUID_PATTERN.test(value.replace(/^\{(.*)\}$/, "$1"));

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The message schedule, reused: one hash at a time, and no allocation inside the rounds. */
const schedule = new Int32Array(80);

/** Scratch space for short messages (every id is one), so hashing them allocates nothing. */
const scratch = new Uint8Array(512);

/** SHA-1 (FIPS 180-4) of `message`: adequate here, as RFC 9562 specifies it for version 5. */
export function sha1(message: Uint8Array): Uint8Array {
  const length = message.length;
  const size = (((length + 8) >> 6) + 1) * 64;
  const padded = size <= scratch.length ? scratch.subarray(0, size).fill(0) : new Uint8Array(size);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer, padded.byteOffset, size);
  view.setUint32(size - 8, Math.floor(length / 2 ** 29));
  view.setUint32(size - 4, (length * 8) >>> 0);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  const w = schedule;
  for (let block = 0; block < size; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(block + t * 4);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc | 0;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6 | 0;
      }
      const next = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  [h0, h1, h2, h3, h4].forEach((word, i) => out.setInt32(i * 4, word));
  return digest;
}

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const NAMESPACE_BYTES = new Map<string, Uint8Array>();
const nameBuffer = new Uint8Array(400);

/** The version-5 UUID of `name` in `namespace`, lower-case. */
export function uuidV5(name: string, namespace: string): string {
  let ns = NAMESPACE_BYTES.get(namespace);
  if (!ns) NAMESPACE_BYTES.set(namespace, (ns = uuidBytes(namespace)));
  // The name is encoded after the namespace in a reused buffer (at most 3 bytes per UTF-16 unit).
  const needed = 16 + name.length * 3;
  const input = needed <= nameBuffer.length ? nameBuffer : new Uint8Array(needed);
  input.set(ns);
  const { written } = encoder.encodeInto(name, input.subarray(16));
  const bytes = sha1(input.subarray(0, 16 + written)).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  let out = "";
  for (let i = 0; i < 16; i++) out += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + HEX[bytes[i]!];
  return out;
}

/** The stable REFI GUID of a Thicket object: a case by its project and key, a variable by its name. */
export function refiGuid(kind: GuidKind, thicketId: string): string {
  return uuidV5(`${kind}:${thicketId}`, THICKET_GUID_NAMESPACE);
}
