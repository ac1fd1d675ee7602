import { Form } from "@remix-run/react";
import { auditKinds, type AuditKind } from "~/lib/services/audit-describe";

/** Narrows the log to one kind of event; a plain GET form, so it works before the page's script loads. */
export function AuditFilter({ action, kind }: { action: string; kind: AuditKind | null }) {
  return (
    <Form method="get" action={action} className="audit-filter" aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor="audit-kind">Show</label>
        <select id="audit-kind" name="kind" defaultValue={kind ?? ""}>
          <option value="">Everything</option>
          {Object.entries(auditKinds).map(([value, k]) => (
            <option key={value} value={value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn--secondary">
        Filter
      </button>
    </Form>
  );
}
