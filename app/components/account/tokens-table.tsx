import type { ReactNode } from "react";

export interface TokenRow {
  id: string;
  name: string;
  createdAt: string | Date;
  lastUsedAt: string | Date | null;
}

export const formatDateTime = (d: string | Date | null) =>
  d ? new Date(d).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "Never";

/**
 * A person's access tokens (never their secrets). The tokens page passes `actions` for its
 * revoke buttons; the account page lists them without.
 */
export function TokensTable({ tokens, actions }: { tokens: TokenRow[]; actions?: (token: TokenRow) => ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{formatDateTime(t.createdAt)}</td>
              <td>{formatDateTime(t.lastUsedAt)}</td>
              {actions ? <td className="actions">{actions(t)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
