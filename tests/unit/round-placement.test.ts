import { describe, expect, it } from "vitest";
import { placeCoding } from "~/lib/rounds/placement";

describe("placeCoding (a round's coding put back into the document at reveal)", () => {
  const text = "We waited. The bus was late. We waited again.";

  it("keeps the offsets when the quote is still there", () => {
    expect(placeCoding(text, { start: 11, end: 28, quote: "The bus was late." })).toEqual({ start: 11, end: 28 });
  });

  it("follows the quote when text before it changed", () => {
    const edited = `Note. ${text}`;
    expect(placeCoding(edited, { start: 11, end: 28, quote: "The bus was late." })).toEqual({ start: 17, end: 34 });
  });

  it("takes the occurrence nearest to where the coder put it", () => {
    const edited = `X ${text}`;
    // "We waited" occurs at 2 and 31 in the edited text; the coding was at 29 in the copy.
    expect(placeCoding(edited, { start: 29, end: 38, quote: "We waited" })).toEqual({ start: 31, end: 40 });
    expect(placeCoding(edited, { start: 0, end: 9, quote: "We waited" })).toEqual({ start: 2, end: 11 });
  });

  it("places nothing when the quote is gone (redacted)", () => {
    expect(placeCoding("We waited. [redacted] We waited again.", { start: 11, end: 28, quote: "The bus was late." })).toBeNull();
  });
});
