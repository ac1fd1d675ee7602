import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Clears a form once its own submission succeeded and the page data has been reloaded, so an
 * invited email or a token name does not linger to be submitted twice.
 */
export function useResetOnSuccess(result: { ok?: boolean; intent?: string } | undefined, intent: string) {
  const ref = useRef<HTMLFormElement>(null);
  const idle = useNavigation().state === "idle";
  useEffect(() => {
    if (idle && result?.ok && result.intent === intent) ref.current?.reset();
  }, [idle, result, intent]);
  return ref;
}

/** A success message is shown only once the page shows what changed (after revalidation). */
export function useSettledMessage(result: unknown): string | undefined {
  const idle = useNavigation().state === "idle";
  if (!idle || !result || typeof result !== "object" || !("message" in result)) return undefined;
  return typeof result.message === "string" ? result.message : undefined;
}
