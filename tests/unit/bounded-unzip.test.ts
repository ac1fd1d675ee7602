import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { unzipBounded, type UnzipLimits, type ZipRefused } from "~/lib/zip/bounded-unzip.server";
import { craftZip, storedEntry, zerosEntry } from "../setup/crafted-zip";

const roomy: UnzipLimits = { maxEntries: 100, maxEntryBytes: 64 << 20, maxTotalBytes: 128 << 20, maxRatio: 100 };
const open = (bytes: Uint8Array, limits: Partial<UnzipLimits> = {}, keep?: (name: string) => boolean) =>
  unzipBounded(bytes, { limits: { ...roomy, ...limits }, label: "This file", keep });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => err as ZipRefused);

describe("unzipBounded", () => {
  it("gives the files of an ordinary zip by name, leaving out folders and what is not kept", async () => {
    const zip = zipSync({ "a.txt": strToU8("alpha"), "dir/": new Uint8Array(), "dir/b.txt": strToU8("beta".repeat(1000)), "skip.bin": new Uint8Array(10) });
    const files = await open(zip, {}, (name) => name !== "skip.bin");
    expect([...files.keys()].sort()).toEqual(["a.txt", "dir/b.txt"]);
    expect(Buffer.from(files.get("dir/b.txt")!).toString()).toBe("beta".repeat(1000));
  });

  it("refuses by the declared sizes before inflating: per file, in total, and by ratio", async () => {
    const perFile = await refusal(open(craftZip([zerosEntry("big", 10)]), { maxEntryBytes: 5 << 20, maxRatio: 10_000 }));
    expect(perFile).toMatchObject({ problem: "entry_too_large", tooLarge: true, message: "This file holds “big”, which unpacks to more than 5 MB; at most 5 MB per file is accepted." });
    const total = await refusal(open(craftZip([zerosEntry("a", 3), zerosEntry("b", 3)]), { maxTotalBytes: 5 << 20, maxRatio: 10_000 }));
    expect(total).toMatchObject({ problem: "total_too_large", message: "This file unpacks to more than 5 MB, the most accepted." });
    const ratio = await refusal(open(craftZip([zerosEntry("z", 3)])));
    expect(ratio).toMatchObject({ problem: "ratio", message: "This file holds “z”, which unpacks to more than 100 times its packed size, as only a zip bomb does; it was not unpacked." });
  });

  it("counts the bytes actually inflated: a header that understates is caught", async () => {
    const liar = await refusal(open(craftZip([zerosEntry("z", 50, 100)])));
    expect(liar).toMatchObject({ problem: "damaged", tooLarge: false });
  });

  it("refuses too many entries, names outside the archive, duplicates and non-zips", async () => {
    const many = craftZip(Array.from({ length: 101 }, (_, i) => storedEntry(`${i}`, "x")));
    expect(await refusal(open(many))).toMatchObject({ problem: "too_many_entries", message: "This file holds 101 files; at most 100 are accepted." });
    expect(await refusal(open(craftZip([storedEntry("../evil", "x")])))).toMatchObject({ problem: "unsafe_name" });
    expect(await refusal(open(craftZip([storedEntry("/etc/passwd", "x")])))).toMatchObject({ problem: "unsafe_name" });
    expect(await refusal(open(craftZip([storedEntry("a", "x"), storedEntry("a", "y")])))).toMatchObject({ problem: "damaged", message: "This file holds “a” twice; a zip archive names each file once." });
    expect(await refusal(open(strToU8("PK\u0003\u0004 not a zip")))).toMatchObject({ problem: "damaged", message: "This file could not be unpacked: the zip archive is damaged." });
  });
});
