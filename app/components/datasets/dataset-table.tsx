import { Link } from "@remix-run/react";
import type { CellValue, DatasetPage } from "~/lib/datasets/types";
import { isNumeric } from "./column-types";
import { formatCell } from "./format";
import { sortedBy, tableSearch, type TableQuery } from "./table-query";

function Cell({ value }: { value: CellValue }) {
  if (value === null)
    return (
      <span className="null" title="No value">
        —
      </span>
    );
  if (typeof value === "number") return <>{formatCell(value)}</>;
  if (typeof value === "boolean") return <>{value ? "true" : "false"}</>;
  return <>{value}</>;
}

/**
 * One page of a dataset. Each header is a link that sorts by its column (the URL holds the
 * sort, so the view can be shared and back/forward work); the sorted one says which way.
 */
export function DatasetTable({
  page,
  query,
  keyColumn,
  loading,
}: {
  page: DatasetPage;
  query: TableQuery;
  keyColumn: string;
  loading: boolean;
}) {
  return (
    <div className={`data-scroll${loading ? " data-scroll--loading" : ""}`} aria-busy={loading}>
      <table className="table data-table" aria-label="Dataset rows">
        <thead>
          <tr>
            {page.columns.map((column) => {
              const sorted = query.sort === column.name;
              const direction = sorted ? (query.dir === "asc" ? "ascending" : "descending") : undefined;
              const next = sortedBy(query, column.name);
              return (
                <th
                  key={column.name}
                  scope="col"
                  aria-sort={direction ?? "none"}
                  className={isNumeric(column.type) && column.name !== keyColumn ? "num" : undefined}
                >
                  <Link
                    to={{ search: tableSearch(next) }}
                    preventScrollReset
                    className="sort-link"
                    title={`Sort by ${column.name}, ${next.dir === "asc" ? "ascending" : "descending"}`}
                  >
                    {column.name}
                    <span aria-hidden="true" className="sort-link__arrow">
                      {sorted ? (query.dir === "asc" ? "▲" : "▼") : ""}
                    </span>
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, r) => (
            <tr key={page.offset + r}>
              {page.columns.map((column, c) => (
                <td
                  key={column.name}
                  className={isNumeric(column.type) && column.name !== keyColumn ? "num" : undefined}
                >
                  <Cell value={row[c] ?? null} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
