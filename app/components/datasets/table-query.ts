/** The dataset browser's URL state: `?sort=&dir=&page=`, so back/forward and links work. */
export interface TableQuery {
  sort: string | null;
  dir: "asc" | "desc";
  page: number;
}

export const PAGE_SIZE = 50;

/** The search string for a view of the table; defaults are left out to keep links short. */
export function tableSearch({ sort, dir, page }: TableQuery) {
  const params = new URLSearchParams();
  if (sort) {
    params.set("sort", sort);
    params.set("dir", dir);
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** Clicking a header sorts by it ascending; clicking the sorted one again flips it. */
export function sortedBy(query: TableQuery, column: string): TableQuery {
  const dir = query.sort === column && query.dir === "asc" ? "desc" : "asc";
  return { sort: column, dir, page: 1 };
}
