import type { ProjectRole } from "../../../db/roles";

/**
 * The single place that says who may do what in a project (DESIGN.md, "Who uses it").
 * Pure and shared by server and browser: the server enforces it, the UI uses it to hide
 * controls a person cannot use.
 */
export const projectActions = [
  "project:read",
  "project:update",
  "project:delete",
  "members:read",
  /** See other members' e-mail addresses (everyone sees their own). */
  "members:emails",
  "members:manage",
  "project:leave",
  "documents:read",
  "documents:edit",
  "codebook:edit",
  "codes:propose",
  "codings:edit",
  "memos:write",
  /** Delete anyone's memo (authors always may delete their own). */
  "memos:moderate",
  "datasets:edit",
  "segments:edit",
  "findings:read",
  "findings:edit",
  "findings:review",
  /** Give an accepted finding a public link, or take it away. */
  "findings:publish",
  /** The project's audit log. */
  "audit:read",
  /** Start, reveal and cancel independent coding rounds. */
  "rounds:manage",
  "contributions:submit",
  "contributions:own",
  /** Create, edit and close intake forms. */
  "forms:manage",
  /** The contributions inbox: accept, reject or tag submissions. */
  "contributions:review",
  "project:export",
  /** Draw, extend and delete samples of a dataset (the sandwich, issue 16). */
  "samples:edit",
  /** Mark a document done (fully coded), so it counts in a sample's estimates. */
  "documents:done",
  /** Train a model of a code on a sample and apply it to every row of the dataset. */
  "models:train",
  /** See the project's background jobs (progress, result, error); cancel needs the job's own action. */
  "jobs:read",
] as const;
export type ProjectAction = (typeof projectActions)[number];

const everyone: ProjectAction[] = ["project:read", "members:read", "project:leave"];
/** The working team knows how to reach each other; contributors and reviewers are often outsiders. */
const teamWork: ProjectAction[] = ["members:emails"];
const researcherWork: ProjectAction[] = [
  ...teamWork,
  "documents:read",
  "documents:edit",
  "codebook:edit",
  "codes:propose",
  "codings:edit",
  "memos:write",
  "datasets:edit",
  "segments:edit",
  "findings:read",
  "findings:edit",
  "forms:manage",
  "contributions:review",
  "rounds:manage",
  "samples:edit",
  "documents:done",
  "models:train",
  "jobs:read",
];

const grants: Record<ProjectRole, ReadonlySet<ProjectAction>> = {
  owner: new Set(projectActions),
  researcher: new Set([...everyone, ...researcherWork]),
  coder: new Set([
    ...everyone,
    ...teamWork,
    "documents:read",
    "documents:edit",
    "codes:propose",
    "codings:edit",
    "memos:write",
    "documents:done",
    "jobs:read",
  ]),
  contributor: new Set([...everyone, "contributions:submit", "contributions:own"]),
  reviewer: new Set([...everyone, "documents:read", "findings:read", "findings:review"]),
};

export interface ProjectResource {
  kind: "project";
  projectId: string;
  /** The caller's role in the project, or null when they are not a member. */
  role: ProjectRole | null;
}

/**
 * What a person may do to their own account. Changing the password and seeing or ending
 * sessions need a signed-in session: a personal access token is for scripts, and one that leaks
 * must not be able to take the account over or sign its owner out.
 */
export const accountActions = ["account:password", "account:sessions"] as const;
export type AccountAction = (typeof accountActions)[number];
const sessionOnly: ReadonlySet<AccountAction> = new Set(accountActions);

export interface AccountResource {
  kind: "account";
  /** Whose account it is. */
  userId: string;
  /** How the caller signed in. */
  via: "session" | "token";
}

export function can(user: { id: string } | null, action: ProjectAction, resource: ProjectResource): boolean;
export function can(user: { id: string } | null, action: AccountAction, resource: AccountResource): boolean;
export function can(
  user: { id: string } | null,
  action: ProjectAction | AccountAction,
  resource: ProjectResource | AccountResource,
): boolean {
  if (!user) return false;
  if (resource.kind === "account") {
    return user.id === resource.userId && (resource.via === "session" || !sessionOnly.has(action as AccountAction));
  }
  if (!resource.role) return false;
  return grants[resource.role].has(action as ProjectAction);
}
