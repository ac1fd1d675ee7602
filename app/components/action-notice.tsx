/** What a page's last action did: a status when it worked, an alert when it did not. */
export function ActionNotice({ result }: { result: { ok: boolean; message: string } | null | undefined }) {
  if (!result) return null;
  return (
    <p className={result.ok ? "notice" : "error"} role={result.ok ? "status" : "alert"}>
      {result.message}
    </p>
  );
}
