/**
 * Zip archives built byte by byte, for the hostile-upload tests: no zip library writes an
 * entry whose header lies about its size, nor a gigabyte of zeros in a blink. Only what
 * readers look at is filled in (no timestamps; CRCs as given, 0 by default).
 */
import { constants, deflateRawSync } from "node:zlib";

export interface CraftedEntry {
  name: string;
  /** The entry's bytes as stored in the archive (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the headers declare (true or not). */
  size: number;
  crc?: number;
}

/** A stored entry holding exactly `text`. */
export const storedEntry = (name: string, text: string | Uint8Array): CraftedEntry => {
  const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return { name, data, method: 0, size: data.byteLength };
};

/**
 * Deflate data for `mib` MiB of zeros, made in milliseconds: one MiB deflated with a full
 * flush is a run of non-final blocks, so copies of it concatenate, and an empty final block
 * (0x03 0x00) ends the stream. About 1 KB per MiB, the ratio a real zip bomb has.
 */
export function deflatedZeros(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

/** A deflated entry of `mib` MiB of zeros whose headers declare `declared` bytes (the truth by default). */
export const zerosEntry = (name: string, mib: number, declared = mib * (1 << 20)): CraftedEntry => ({
  name,
  data: deflatedZeros(mib),
  method: 8,
  size: declared,
});

export function craftZip(entries: CraftedEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.byteLength, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.data.byteLength, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += local.length + name.length + e.data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
