import { describe, expect, it } from "vitest";
import {
  asBoolean,
  asDate,
  asInteger,
  asNumber,
  asText,
  cleanHeader,
  headerProblems,
  inferColumnTypes,
  mismatchMessage,
  sqlColumnNames,
  TypeGuess,
  valueCheckers,
  widenFor,
} from "../../app/lib/datasets/csv-types";

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("SQL names for CSV headers", () => {
  it("lower-cases and replaces spaces, punctuation and non-ASCII letters with underscores", () => {
    expect(sqlColumnNames(["First Name", "e-mail", "Total (€)", "Zoë", "東京", "snake_case_9"])).toEqual([
      "first_name",
      "e_mail",
      "total____",
      "zo_",
      "__",
      "snake_case_9",
    ]);
  });

  it("prefixes a name that starts with a digit or is empty", () => {
    expect(sqlColumnNames(["2024 sales", "", "9"])).toEqual(["c_2024_sales", "c_", "c_9"]);
  });

  it("cuts names to Postgres's 63 bytes", () => {
    const [name] = sqlColumnNames(["a".repeat(80)]);
    expect(name).toBe("a".repeat(63));
    const [prefixed] = sqlColumnNames(["1".repeat(80)]);
    expect(bytes(prefixed!)).toBe(63);
    expect(prefixed!.startsWith("c_1")).toBe(true);
  });

  it("gives names that collide after cleaning a numeric suffix, still within 63 bytes", () => {
    expect(sqlColumnNames(["a b", "a-b", "A_B"])).toEqual(["a_b", "a_b_2", "a_b_3"]);
    // A header that already looks like a suffixed name is not overwritten.
    expect(sqlColumnNames(["a_b_2", "a b", "a-b"])).toEqual(["a_b_2", "a_b", "a_b_3"]);
    const long = "x".repeat(70);
    const names = sqlColumnNames([long, `${long}y`, `${long}z`]);
    expect(names).toEqual(["x".repeat(63), `${"x".repeat(61)}_2`, `${"x".repeat(61)}_3`]);
    expect(new Set(names).size).toBe(3);
    for (const n of names) expect(bytes(n)).toBeLessThanOrEqual(63);
  });

  it("finds empty and repeated headers (after trimming), and trims headers", () => {
    expect(headerProblems(["id", " ", "a", "a", "b", " b", ""])).toEqual({ empty: [2, 7], duplicates: ["a", "b"] });
    expect(headerProblems(["id", "a"])).toEqual({ empty: [], duplicates: [] });
    expect(cleanHeader("  spend \t")).toBe("spend");
  });
});

describe("value checks", () => {
  it("integers: signs, leading zeros and spaces; the int8 range exactly", () => {
    for (const [raw, normal] of [
      ["42", "42"],
      ["-17", "-17"],
      ["+5", "+5"],
      ["007", "007"],
      [" 12\t", "12"],
      ["9223372036854775807", "9223372036854775807"],
      ["-9223372036854775808", "-9223372036854775808"],
      ["000000000000000000001", "000000000000000000001"],
    ]) {
      expect(asInteger(raw!), raw).toBe(normal);
    }
    for (const raw of ["9223372036854775808", "-9223372036854775809", "12345678901234567890", "1.0", "1e3", "1,000", "--1", "+", "٣", "12a", "0x10"]) {
      expect(asInteger(raw), raw).toBeUndefined();
    }
  });

  it("numbers: decimals and exponents; overflow and underflow are refused as Postgres refuses them", () => {
    for (const raw of ["3.14", "-0.5", ".5", "5.", "1e3", "1E-3", "+2.5e+10", "0e-400", "1e-310", "42"]) {
      expect(asNumber(raw), raw).toBe(raw);
    }
    expect(asNumber(" -2.5 ")).toBe("-2.5");
    for (const raw of ["1e", "e5", ".", "-", "NaN", "Infinity", "1e400", "-1e400", "1e-400", "10e-400", "1,5", "1.2.3", "0x1F", "1 000"]) {
      expect(asNumber(raw), raw).toBeUndefined();
    }
  });

  it("booleans: the spellings Postgres takes, in any case, nothing else", () => {
    for (const raw of ["true", "TRUE", "Yes", " yes ", "t", "Y", "on", "1"]) expect(asBoolean(raw), raw).toBe("t");
    for (const raw of ["false", "False", "no", "NO", "f", "n", "OFF", "0"]) expect(asBoolean(raw), raw).toBe("f");
    for (const raw of ["2", "-1", "yes!", "truth", "nope", "o"]) expect(asBoolean(raw), raw).toBeUndefined();
  });

  it("dates: ISO calendar days only, leap years included", () => {
    for (const raw of ["2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "9999-12-31", "2024-04-30"]) {
      expect(asDate(raw), raw).toBe(raw);
    }
    expect(asDate(" 2024-01-05 ")).toBe("2024-01-05");
    for (const raw of [
      "2024-02-30",
      "2023-02-29",
      "1900-02-29",
      "2024-04-31",
      "2024-13-01",
      "2024-00-10",
      "2024-01-00",
      "0000-01-01",
      "2024-1-5",
      "05/01/2024",
      "20240105",
      "2024-01-05T10:00",
      "2024-01-05 10:00",
    ]) {
      expect(asDate(raw), raw).toBeUndefined();
    }
  });

  it("text: anything but a NUL character, spaces kept", () => {
    expect(asText("  padded ")).toBe("  padded ");
    expect(asText("Zoë, 東京 \u{1F600}")).toBe("Zoë, 東京 \u{1F600}");
    expect(asText("a\u0000b")).toBeUndefined();
    expect(valueCheckers.text).toBe(asText);
    expect(valueCheckers.integer("5")).toBe("5");
  });

  it("widens a type that a value does not fit: integers to numbers, the rest to text", () => {
    expect(widenFor("integer", "2.5")).toBe("number");
    expect(widenFor("integer", "9223372036854775808")).toBe("number");
    expect(widenFor("integer", "abc")).toBe("text");
    expect(widenFor("number", "abc")).toBe("text");
    expect(widenFor("boolean", "maybe")).toBe("text");
    expect(widenFor("date", "2024-02-30")).toBe("text");
  });

  it("says which value does not fit which type, cutting long values short", () => {
    expect(mismatchMessage("number", "abc")).toBe('"abc" is not a number.');
    expect(mismatchMessage("date", "2024-02-30")).toBe('"2024-02-30" is not a date (YYYY-MM-DD).');
    const message = mismatchMessage("integer", "9".repeat(100));
    expect(message).toBe(`"${"9".repeat(57)}…" is not a whole number (integer).`);
  });
});

describe("type inference", () => {
  /** Columns given top to bottom, turned into rows. */
  const infer = (...columns: (string | null)[][]) => {
    const height = Math.max(...columns.map((c) => c.length));
    const rows = Array.from({ length: height }, (_, r) => columns.map((c) => c[r] ?? null));
    return inferColumnTypes(columns.length, rows);
  };

  it("picks the narrowest type every value fits", () => {
    expect(
      infer(
        ["1", "-2", "+3", "007"],
        ["1", "9223372036854775808"],
        ["1", "2.5", "1e-3"],
        ["yes", "No", "TRUE", "false"],
        ["1", "0", "1"],
        ["2024-01-01", "2024-02-29"],
        ["abc", "def"],
      ),
    ).toEqual(["integer", "number", "number", "boolean", "integer", "date", "text"]);
  });

  it("falls back to text for mixed values and invalid dates, ignores empty cells, and calls an empty column text", () => {
    expect(
      infer(["1", "abc"], ["2024-01-01", "2024-02-30"], ["true", "2"], ["2024-01-01", "5"], [null, "", null], ["", "4", null]),
    ).toEqual(["text", "text", "text", "text", "text", "integer"]);
    // "1" is a boolean spelling too: beside "true" the column is boolean, as Postgres would read it.
    expect(infer(["true", "1", "off"])).toEqual(["boolean"]);
  });

  it("treats cells missing from a short row as empty", () => {
    expect(inferColumnTypes(3, [["a", "1"], ["b", "2", "2024-01-01"]])).toEqual(["text", "integer", "date"]);
    expect(inferColumnTypes(2, [])).toEqual(["text", "text"]);
  });

  it("accumulates one value at a time", () => {
    const guess = new TypeGuess();
    expect(guess.type).toBe("text");
    guess.add("3");
    expect(guess.type).toBe("integer");
    guess.add(null);
    guess.add("3.5");
    expect(guess.type).toBe("number");
    guess.add("n/a");
    expect(guess.type).toBe("text");
  });
});
