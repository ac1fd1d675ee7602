import { Form } from "@remix-run/react";
import { projectRoles, type ProjectRole } from "../../db/roles";
import { ConfirmDialog } from "./confirm-dialog";
import { RoleBadge } from "./role-badge";

export interface MemberRow {
  userId: string;
  name: string;
  /** Null when the viewer's role may not see other members' addresses. */
  email: string | null;
  role: ProjectRole;
}

/** Members with their roles; owners get a role picker and a remove button on each row. */
export function MembersTable({
  members,
  currentUserId,
  canManage,
}: {
  members: MemberRow[];
  currentUserId: string;
  canManage: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Members">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            {canManage ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} data-testid={`member-${m.email ?? m.userId}`}>
              <td>
                <div className="person">
                  <span>
                    {m.name}
                    {m.userId === currentUserId ? <span className="meta"> (you)</span> : null}
                  </span>
                  {m.email ? <span className="meta">{m.email}</span> : null}
                </div>
              </td>
              <td>
                {canManage ? (
                  <Form method="post" className="form-row" style={{ flexWrap: "nowrap" }}>
                    <input type="hidden" name="userId" value={m.userId} />
                    <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                      Role of {m.name}
                    </label>
                    <select id={`role-${m.userId}`} name="role" defaultValue={m.role} style={{ width: "auto" }}>
                      {projectRoles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="intent" value="change-role" className="btn btn--secondary btn--small">
                      Change
                    </button>
                  </Form>
                ) : (
                  <RoleBadge role={m.role} />
                )}
              </td>
              {canManage ? (
                <td className="actions">
                  {m.userId !== currentUserId ? (
                    <ConfirmDialog
                      trigger="Remove"
                      title={`Remove ${m.name}?`}
                      confirmLabel="Remove member"
                      fields={{ intent: "remove-member", userId: m.userId }}
                    >
                      <p>
                        {m.email ? `${m.name} (${m.email})` : m.name} will lose access to this project at once. What they contributed stays.
                      </p>
                    </ConfirmDialog>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
