import { describe, expect, it } from "vitest";
import {
  draftFrom,
  emptyDraft,
  moveField,
  nameFromLabel,
  newField,
  removeField,
  toPayload,
  uniqueName,
  updateField,
} from "../../app/components/contributions/form-builder-model";
import { createFormSchema } from "../../app/lib/contributions/form-fields";

describe("question names", () => {
  it("follow the label as the API's field names must look", () => {
    expect(nameFromLabel("Your story (in your words)")).toBe("your_story_in_your_words");
    expect(nameFromLabel("Café opening hours")).toBe("cafe_opening_hours");
    expect(nameFromLabel("2nd visit?")).toBe("nd_visit");
    expect(nameFromLabel("   ")).toBe("answer");
    expect(nameFromLabel("x".repeat(60))).toHaveLength(40);
  });

  it("are made unique within the form", () => {
    expect(uniqueName("story", new Set(["story", "story_2"]))).toBe("story_3");
    expect(uniqueName("a".repeat(40), new Set(["a".repeat(40)]))).toBe(`${"a".repeat(38)}_2`);
  });

  it("stop following the label once edited by hand", () => {
    let fields = newField([], "short_text");
    const key = fields[0]!.key;
    fields = updateField(fields, key, { label: "Customer name" });
    expect(fields[0]!.name).toBe("customer_name");
    fields = updateField(fields, key, { name: "cust" });
    fields = updateField(fields, key, { label: "Customer's full name" });
    expect(fields[0]!.name).toBe("cust");
  });
});

describe("the builder's steps", () => {
  it("starts with a required story question and a consent text the API accepts once titled", () => {
    const draft = { ...emptyDraft(), title: "Tell us" };
    expect(draft.fields.map((f) => [f.type, f.label, f.required])).toEqual([["long_text", "Your story", true]]);
    expect(createFormSchema.safeParse(toPayload(draft)).success).toBe(true);
  });

  it("moves and removes questions, and sends options only for choices", () => {
    let fields = newField(newField([], "long_text"), "choice");
    fields = updateField(fields, fields[1]!.key, { label: "Channel", optionsText: " Phone \n\nChat\n" });
    fields = moveField(fields, fields[1]!.key, -1);
    expect(fields.map((f) => f.type)).toEqual(["choice", "long_text"]);
    expect(moveField(fields, fields[0]!.key, -1)).toBe(fields);
    const payload = toPayload({ ...emptyDraft(), fields });
    expect(payload.fields[0]).toEqual({ name: "channel", label: "Channel", type: "choice", required: false, options: ["Phone", "Chat"] });
    expect(payload.fields[1]).not.toHaveProperty("options");
    expect(removeField(fields, fields[0]!.key).map((f) => f.type)).toEqual(["long_text"]);
  });

  it("edits a stored version without renaming its questions", () => {
    const draft = draftFrom({
      title: "T",
      prompt: "",
      consentText: "C",
      access: "members",
      fields: [{ name: "old_name", label: "Story", type: "long_text", required: true }],
    });
    const fields = updateField(draft.fields, draft.fields[0]!.key, { label: "Your story" });
    expect(fields[0]!.name).toBe("old_name");
  });
});
