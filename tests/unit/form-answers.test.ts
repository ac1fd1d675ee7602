import { describe, expect, it } from "vitest";
import type { FormField } from "../../db/kinds";
import { readPostedContribution, splitPeople } from "../../app/lib/contributions/form-answers";

const fields: FormField[] = [
  { name: "story", label: "Story", type: "long_text" },
  { name: "topics", label: "Topics", type: "multi_choice", options: ["A", "B"] },
  { name: "spot", label: "Where", type: "location" },
];

const form = (entries: Array<[string, string]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("reading the contribution page's form post", () => {
  it("turns checkboxes into a list, a location's two inputs into one answer, and names into a list", () => {
    const posted = readPostedContribution(
      fields,
      form([
        ["story", "Hello"],
        ["topics", "A"],
        ["topics", "B"],
        ["spot__lat", " 51.5 "],
        ["spot__lng", "-0.12"],
        ["people_mentioned", "Ann Lee\nBob, Cy; \n"],
        ["consent", "yes"],
      ]),
    );
    expect(posted.values).toEqual({ story: "Hello", topics: ["A", "B"], spot: { lat: "51.5", lng: "-0.12" }, people_mentioned: ["Ann Lee", "Bob", "Cy"] });
    expect(posted.consent).toBe(true);
    expect(posted.typed).toMatchObject({ topics: ["A", "B"], spot__lat: "51.5", people_mentioned: "Ann Lee\nBob, Cy; \n" });
  });

  it("treats an empty location as no answer and half a location as an answer to check", () => {
    expect(readPostedContribution(fields, form([["spot__lat", ""], ["spot__lng", ""]])).values.spot).toBeNull();
    expect(readPostedContribution(fields, form([["spot__lat", "51"]])).values.spot).toEqual({ lat: "51", lng: "" });
  });

  it("has no consent unless the box was ticked, and passes the honeypot on", () => {
    const posted = readPostedContribution(fields, form([["website", "spam"]]));
    expect(posted.consent).toBe(false);
    expect(posted.website).toBe("spam");
  });

  it("splits names on lines, commas and semicolons", () => {
    expect(splitPeople(" Ann Lee ;;Bob\n\n")).toEqual(["Ann Lee", "Bob"]);
  });
});
