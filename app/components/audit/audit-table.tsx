import { LocalTime } from "../documents/local-time";
import { auditActor, describeAudit, type AuditNames } from "~/lib/services/audit-describe";

export interface AuditRow {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

/** One page of the audit log, newest first: when, who, what (in words) and the details. */
export function AuditTable({ events, names }: { events: AuditRow[]; names: AuditNames }) {
  return (
    <div className="table-wrap">
      <table className="table audit-table" data-testid="audit-table">
        <caption className="visually-hidden">Audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const line = describeAudit(event, names);
            return (
              <tr key={event.id} data-testid="audit-event" data-action={event.action}>
                <td className="audit-table__when">
                  <LocalTime value={event.createdAt} />
                </td>
                <td>{auditActor(event)}</td>
                <td>{line.what}</td>
                <td className="audit-table__details">{line.details ?? <span className="meta">–</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
