import { describe, expect, it } from "vitest";
import { callLogCsv, CALL_LOG_COLUMNS, generateCallLog } from "../../app/lib/demo/call-log";

describe("demo call log", () => {
  const rows = generateCallLog(11, 2_000);

  it("writes short notes of 100–300 characters, each telling at least one theme", () => {
    for (const row of rows) {
      expect(row.note.length).toBeGreaterThanOrEqual(100);
      expect(row.note.length).toBeLessThanOrEqual(300);
      expect(row.codings.length).toBeGreaterThan(0);
    }
  });

  it("places every coding exactly on the sentence it codes", () => {
    for (const row of rows) {
      for (const coding of row.codings) expect(row.note.slice(coding.start, coding.end)).toBe(coding.quote);
    }
  });

  it("is the same table for the same seed, and unique keys", () => {
    expect(generateCallLog(11, 50).map((r) => r.note)).toEqual(rows.slice(0, 50).map((r) => r.note));
    expect(new Set(rows.map((r) => r.call_id)).size).toBe(rows.length);
  });

  it("gives a rare but learnable code: being passed around is in a few percent of notes", () => {
    const share = rows.filter((r) => r.codings.some((c) => c.code === "passedAround")).length / rows.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.2);
  });

  it("writes a CSV with the header and one line per row", () => {
    const lines = callLogCsv(rows.slice(0, 10)).trimEnd().split("\n");
    expect(lines[0]).toBe(CALL_LOG_COLUMNS.join(","));
    expect(lines).toHaveLength(11);
  });
});
