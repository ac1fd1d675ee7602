import { useState } from "react";

/** A link shown in full, selectable, with a button that copies it. */
export function CopyLink({ url, label = "Copy link" }: { url: string; label?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => setCopied("done"),
      () => setCopied("failed"),
    );
  return (
    <div className="copy-link">
      <code className="secret">{url}</code>
      <button type="button" className="btn btn--secondary btn--small" onClick={copy}>
        {label}
      </button>
      <span role="status" className="meta">
        {copied === "done" ? "Copied." : copied === "failed" ? "Could not copy: select the link and copy it yourself." : ""}
      </span>
    </div>
  );
}
