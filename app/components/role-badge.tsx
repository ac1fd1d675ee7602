import type { ProjectRole } from "../../db/roles";

export const roleDescriptions: Record<ProjectRole, string> = {
  owner: "Everything, including members, deletion and exports.",
  researcher: "Edits documents, the codebook, codings, datasets, segments and findings.",
  coder: "Edits documents and codings, proposes codes and writes memos.",
  contributor: "Submits stories and observations, and sees or withdraws their own.",
  reviewer: "Reads findings and their evidence, comments, approves or requests changes.",
};

export function RoleBadge({ role }: { role: ProjectRole }) {
  return (
    <span className={`badge badge--${role}`} title={roleDescriptions[role]}>
      {role}
    </span>
  );
}
