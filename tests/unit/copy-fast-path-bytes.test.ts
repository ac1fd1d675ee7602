import { describe, expect, it } from "vitest";
import { CopyFeed } from "~/lib/datasets/copy-feed.server";
import { ValueScanner } from "~/lib/datasets/value-scanner.server";
import type { ColumnType } from "~/lib/datasets/types";

/** Feeds `text` in pieces of `size` bytes, as an upload arrives in chunks. */
function pieces(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const SIZES = [1, 2, 3, 7, 1 << 16];

function feed(text: string, size: number) {
  const f = new CopyFeed();
  const sent = [...pieces(text, size).flatMap((p) => f.push(p)), ...f.end()];
  return { sent: Buffer.concat(sent).toString(), endMarker: f.endMarker };
}

describe("CopyFeed: the bytes COPY is sent", () => {
  it.each(SIZES)("drops a BOM and trailing blank lines but keeps blank lines inside (pieces of %i)", (size) => {
    expect(feed("\uFEFFid,a\r\nx,1\r\n\r\n", size)).toEqual({ sent: "id,a\r\nx,1", endMarker: false });
    expect(feed("id,a\n\nx,1\n\n\n", size)).toEqual({ sent: "id,a\n\nx,1", endMarker: false });
    expect(feed("\uFEFF\r\n\nid\nx", size)).toEqual({ sent: "id\nx", endMarker: false });
    expect(feed("id", size)).toEqual({ sent: "id", endMarker: false });
  });

  it.each(SIZES)("spots a line that is just \\. wherever the pieces split it (pieces of %i)", (size) => {
    expect(feed("id\nx\n\\.\ny\n", size).endMarker).toBe(true);
    expect(feed("id\r\nx\r\n\\.", size).endMarker).toBe(true);
    expect(feed("\\.\nx\n", size).endMarker).toBe(true);
    expect(feed("id\nx\na\\.\n\\.b\n", size).endMarker).toBe(false);
  });
});

describe("ValueScanner: what Postgres would take but the import's rules would not", () => {
  const types: ColumnType[] = ["text", "boolean", "date", "number", "integer"];
  const scan = (rows: string, size: number) => {
    const s = new ValueScanner(types);
    for (const p of pieces(`id,b,d,n,i\n${rows}`, size)) s.push(p);
    s.end();
    return s.failed;
  };

  it.each(SIZES)("passes the spellings the import takes, quoted or not (pieces of %i)", (size) => {
    expect(scan('a,true,2024-01-31,1.5,3\r\nb, YES ,"2024-02-29",-.5e3,4\r\nc,,,,\n"d,""x""\nq",no,"","",5\ne,1,2024-01-01,0,6\nf,Off,2024-01-01,1,7', size)).toBe(false);
  });

  it.each(SIZES)("flags Postgres-only spellings and quoting (pieces of %i)", (size) => {
    for (const row of ["a,tr,2024-01-01,1,1", "a,of,2024-01-01,1,1", "a,true,01/02/2024,1,1", "a,true,today,1,1", "a,true,2024-01-01,0x10,1", "a,true,2024-01-01,NaN,1", 'a"b,true,2024-01-01,1,1', '"a"b,true,2024-01-01,1,1', 'a,"""t""",2024-01-01,1,1']) {
      expect(scan(`ok,true,2024-01-01,1,1\n${row}\n`, size), row).toBe(true);
    }
  });
});
