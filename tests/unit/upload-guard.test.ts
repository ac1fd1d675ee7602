import { describe, expect, it } from "vitest";
import { MAX_RECORD_BYTES, UploadGuard } from "~/lib/datasets/upload-guard.server";

/** Feeds `bytes` to a guard in chunks of `size` bytes; the error it throws, or null. */
function guard(bytes: Buffer, size: number) {
  const g = new UploadGuard();
  try {
    for (let i = 0; i < bytes.length; i += size) g.check(bytes.subarray(i, i + size));
    g.finish();
    return null;
  } catch (err) {
    return err as Error & { fields?: Record<string, string> };
  }
}

describe("UploadGuard", () => {
  it("takes UTF-8 cut anywhere, even inside a character, and long quoted fields with line breaks", () => {
    const csv = Buffer.from(`id,name\n1,"Zoë ""the elder""\nof 東京"\n2,${"x".repeat(1000)}\n`);
    for (const size of [1, 2, 3, 7, 64, csv.length]) expect(guard(csv, size), `chunks of ${size}`).toBeNull();
  });

  it("names the first line that is not UTF-8, wherever the chunks are cut", () => {
    const csv = Buffer.concat([Buffer.from("id,city\n1,\"a\nb\"\n2,M"), Buffer.from([0xfc]), Buffer.from("nchen\n")]);
    for (const size of [1, 5, csv.length]) {
      expect(guard(csv, size)?.message).toBe("Line 4: the file is not UTF-8 text. Save it as “CSV UTF-8” and import it again.");
    }
    expect(guard(Buffer.from([0x61, 0x0a, 0xe2, 0x82]), 10)?.message).toMatch(/^Line 2: the file is not UTF-8/);
  });

  it("refuses a record over the limit at the line it starts on, quoted or not, across chunks", () => {
    const long = "y".repeat(MAX_RECORD_BYTES);
    const quoted = Buffer.from(`id,note\n1,ok\n2,"${long}\nstill the same field"\n`);
    expect(guard(quoted, 65_536)?.message).toBe("Line 3: a record is longer than 1 MB, the most a row may hold (or a quote is never closed).");
    const plain = Buffer.from(`id,note\r\n1,ok\r\n2,${long}\r\n`);
    expect(guard(plain, 65_536)?.message).toMatch(/^Line 3: a record is longer than 1 MB/);
    const unclosed = Buffer.from(`id,note\n1,"never closed\n${"row,data\n".repeat(200_000)}`);
    expect(guard(unclosed, 65_536)?.message).toMatch(/^Line 2: a record is longer than 1 MB/);
    expect(guard(Buffer.from(`id,note\n${"2,short\n".repeat(300_000)}`), 65_536)).toBeNull();
  });
});
