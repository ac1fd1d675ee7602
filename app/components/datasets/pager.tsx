import { Link } from "@remix-run/react";
import { formatInteger } from "./format";
import { tableSearch, type TableQuery } from "./table-query";

/** "Rows 51–100 of 3,000" with previous/next links that keep the sort. */
export function Pager({ query, total, pageSize }: { query: TableQuery; total: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (query.page - 1) * pageSize + 1;
  const last = Math.min(total, query.page * pageSize);
  const to = (page: number) => ({ search: tableSearch({ ...query, page }) });
  return (
    <nav className="pager" aria-label="Table pages">
      <span className="pager__range" aria-live="polite">
        Rows {formatInteger(first)}–{formatInteger(last)} of {formatInteger(total)}
      </span>
      <span className="pager__links">
        {query.page > 1 ? (
          <Link to={to(query.page - 1)} rel="prev" preventScrollReset className="btn btn--secondary btn--small">
            Previous
          </Link>
        ) : (
          <span className="btn btn--secondary btn--small" aria-disabled="true">
            Previous
          </span>
        )}
        <span className="meta">
          Page {formatInteger(Math.min(query.page, pages))} of {formatInteger(pages)}
        </span>
        {query.page < pages ? (
          <Link to={to(query.page + 1)} rel="next" preventScrollReset className="btn btn--secondary btn--small">
            Next
          </Link>
        ) : (
          <span className="btn btn--secondary btn--small" aria-disabled="true">
            Next
          </span>
        )}
      </span>
    </nav>
  );
}
