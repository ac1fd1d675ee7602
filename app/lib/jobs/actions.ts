import type { ProjectAction } from "../auth/permissions";

/** The permission that cancelling a job of this kind needs: the one that started it. */
export function cancelAction(kind: string): ProjectAction {
  if (kind.startsWith("model.")) return "models:train";
  if (kind.startsWith("sample.")) return "samples:edit";
  return "datasets:edit";
}
