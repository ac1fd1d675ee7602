/**
 * How a memo's author reads wherever memos are shown: the member's name; for a memo imported
 * from a file whose writer matched no member, the name the file gave with the tool it came
 * from ("Ana (from NVivo)"); else "A former member" (their account is gone). Pure; the
 * browser uses it.
 */
export interface MemoAuthorFields {
  authorName: string | null;
  importedAuthor?: { name: string; from: string | null } | null;
}

export function memoAuthorLabel(memo: MemoAuthorFields): string {
  if (memo.authorName) return memo.authorName;
  const imported = memo.importedAuthor;
  if (imported) return `${imported.name} (from ${imported.from ?? "an imported file"})`;
  return "A former member";
}
