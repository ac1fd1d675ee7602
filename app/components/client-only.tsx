import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders its children only in the browser, after hydration; a box of the same size stands in
 * on the server, so the page does not jump and the charts never have to render without a DOM.
 */
export function ClientOnly({
  width,
  height,
  placeholderClass = "chart-placeholder",
  children,
}: {
  width: number;
  height: number;
  placeholderClass?: string;
  children: () => ReactNode;
}) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted ? <>{children()}</> : <div className={placeholderClass} style={{ width, height }} />;
}
