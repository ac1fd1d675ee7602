import { describe, expect, it } from "vitest";
import { auditActor, auditKinds, describeAudit, idsToName, isAuditKind, quoted } from "~/lib/services/audit-describe";

const event = (action: string, detail: Record<string, unknown> = {}, actor: { name: string } | null = { name: "Olive" }) => ({ action, detail, actor });
const names = { u1: "Rita", d1: "Interview 3", f1: "Billing errors drive churn", f2: "Waiting times" };
const what = (action: string, detail: Record<string, unknown> = {}) => describeAudit(event(action, detail), names).what;

describe("describeAudit", () => {
  it("names the member of membership events, with their role", () => {
    expect(what("member.added", { userId: "u1", role: "researcher" })).toBe("added Rita (researcher)");
    expect(what("member.role_changed", { userId: "u1", from: "coder", to: "reviewer" })).toBe("changed the role of Rita from coder to reviewer");
    expect(what("member.removed", { userId: "u1", role: "coder" })).toBe("removed Rita (coder)");
    expect(what("member.left", { userId: "u1", role: "reviewer" })).toBe("left the project (was reviewer)");
  });

  it("says “a former member” when the person's name is not known any more", () => {
    expect(what("member.removed", { userId: "gone", role: "coder" })).toBe("removed a former member (coder)");
  });

  it("quotes the finding of review decisions, with the version, and keeps the note as details", () => {
    expect(describeAudit(event("finding.accepted", { findingId: "f1", title: "Billing errors drive churn", version: 1, note: "" }))).toEqual({
      what: "accepted “Billing errors drive churn” (version 1)",
      details: null,
    });
    expect(describeAudit(event("finding.changes_requested", { title: "Waiting", version: 2, note: "Add a quote" }))).toEqual({
      what: "requested changes to “Waiting” (version 2)",
      details: "Add a quote",
    });
    expect(describeAudit(event("finding.deleted", { title: "Old", acceptedVersion: 2 })).details).toBe("It had 2 accepted versions.");
  });

  it("shortens a long title", () => {
    const long = "x".repeat(100);
    expect(quoted(long)).toHaveLength(62); // 60 characters inside the quotes
    expect(quoted(long).endsWith("…”")).toBe(true);
    expect(quoted(null)).toBe("a finding");
  });

  it("describes public links, withdrawals, redactions, exports and the project", () => {
    expect(what("finding.published", { title: "Billing" })).toBe("created a public link to “Billing”");
    expect(what("finding.unpublished", { title: "Billing" })).toBe("turned off the public link to “Billing”");
    expect(what("contribution.withdrawn", { submissionId: "s", formId: "f" })).toBe("a contribution was withdrawn");
    expect(describeAudit(event("document.redacted", { documentId: "d1", length: 12 }), names)).toEqual({
      what: "redacted a passage of “Interview 3”",
      details: "12 characters removed",
    });
    expect(what("document.redacted", { documentId: "deleted", length: 1 })).toBe("redacted a passage of a document");
    expect(what("documents.case_keys_set", { updated: 1 })).toBe("set the case keys of 1 document from a CSV");
    expect(describeAudit(event("report.exported", { findingIds: ["f1", "f2", "gone"] }), names)).toEqual({
      what: "printed or saved the findings report (3 findings)",
      details: "“Billing errors drive churn”, “Waiting times”",
    });
    expect(what("project.created")).toBe("created the project");
    expect(what("project.updated", { fields: ["name", "description"] })).toBe("changed the project's name and description");
  });

  it("falls back to the raw action name, and survives odd details", () => {
    expect(what("something.new", { x: 1 })).toBe("something.new");
    expect(what("finding.accepted", { title: 42, version: "1" })).toBe("accepted a finding");
    expect(what("report.exported", { findingIds: "nope" })).toBe("printed or saved the findings report (0 findings)");
  });
});

describe("auditActor", () => {
  it("is the actor's name, or says who acted without an account", () => {
    expect(auditActor(event("member.added"))).toBe("Olive");
    expect(auditActor(event("contribution.withdrawn", {}, null))).toBe("The contributor");
    expect(auditActor(event("member.added", {}, null))).toBe("A deleted account");
  });
});

describe("kinds and ids", () => {
  it("puts every known action in exactly one kind", () => {
    const all = Object.values(auditKinds).flatMap((k) => [...k.actions]);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain("report.exported");
    expect(isAuditKind("membership")).toBe(true);
    expect(isAuditKind("toString")).toBe(false);
    expect(isAuditKind(null)).toBe(false);
  });

  it("collects the ids whose names the page looks up", () => {
    const ids = idsToName([
      event("member.added", { userId: "u1" }),
      event("document.redacted", { documentId: "d1" }),
      event("report.exported", { findingIds: ["f1", "f1", "f2"] }),
      event("finding.accepted", { findingId: "f9" }),
    ]);
    expect(ids).toEqual({ users: ["u1"], documents: ["d1"], findings: ["f1", "f2"] });
  });
});
