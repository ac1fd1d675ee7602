import { describe, expect, it } from "vitest";
import { accountActions, can, projectActions, type ProjectAction } from "~/lib/auth/permissions";
import { projectRoles, type ProjectRole } from "../../db/roles";

const user = { id: "u1" };
const as = (role: ProjectRole | null) => ({ kind: "project" as const, projectId: "p1", role });

describe("can()", () => {
  it("gives owners every action", () => {
    for (const action of projectActions) expect(can(user, action, as("owner"))).toBe(true);
  });

  it("denies everything to non-members and to nobody", () => {
    for (const action of projectActions) {
      expect(can(user, action, as(null))).toBe(false);
      expect(can(null, action, as("owner"))).toBe(false);
    }
  });

  it("lets every role read the project, see members and leave", () => {
    for (const role of projectRoles) {
      for (const action of ["project:read", "members:read", "project:leave"] as ProjectAction[]) {
        expect(can(user, action, as(role)), `${role} ${action}`).toBe(true);
      }
    }
  });

  it.each<[ProjectAction, ProjectRole[]]>([
    ["members:manage", ["owner"]],
    ["members:emails", ["owner", "researcher", "coder"]],
    ["memos:moderate", ["owner"]],
    ["project:delete", ["owner"]],
    ["project:export", ["owner"]],
    ["codebook:edit", ["owner", "researcher"]],
    ["datasets:edit", ["owner", "researcher"]],
    ["codings:edit", ["owner", "researcher", "coder"]],
    ["memos:write", ["owner", "researcher", "coder"]],
    ["documents:read", ["owner", "researcher", "coder", "reviewer"]],
    ["documents:edit", ["owner", "researcher", "coder"]],
    ["findings:review", ["owner", "reviewer"]],
    ["findings:edit", ["owner", "researcher"]],
    ["contributions:submit", ["owner", "contributor"]],
    ["forms:manage", ["owner", "researcher"]],
    ["contributions:review", ["owner", "researcher"]],
    ["rounds:manage", ["owner", "researcher"]],
  ])("grants %s to exactly %j (DESIGN.md's role table)", (action, roles) => {
    const granted = projectRoles.filter((role) => can(user, action, as(role)));
    expect(granted).toEqual(roles);
  });
});

describe("can() on one's own account", () => {
  const account = (via: "session" | "token", userId = "u1") => ({ kind: "account" as const, userId, via });

  it("lets a signed-in session change the password and manage sessions", () => {
    for (const action of accountActions) expect(can(user, action, account("session"))).toBe(true);
  });

  it("refuses both to an access token, so a leaked one cannot take the account over", () => {
    for (const action of accountActions) expect(can(user, action, account("token"))).toBe(false);
  });

  it("refuses anyone else's account, and nobody", () => {
    for (const action of accountActions) {
      expect(can(user, action, account("session", "u2"))).toBe(false);
      expect(can(null, action, account("session"))).toBe(false);
    }
  });
});
