import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders its children only in the browser, after hydration. On the server stands either
 * `fallback`, or a box of the given size (so the page does not jump and charts never render
 * without a DOM), or nothing.
 */
export function ClientOnly({
  width,
  height,
  placeholderClass = "chart-placeholder",
  fallback,
  children,
}: {
  width?: number;
  height?: number;
  placeholderClass?: string;
  fallback?: ReactNode;
  children: () => ReactNode;
}) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (mounted) return <>{children()}</>;
  if (fallback !== undefined) return <>{fallback}</>;
  return width !== undefined && height !== undefined ? <div className={placeholderClass} style={{ width, height }} /> : null;
}
