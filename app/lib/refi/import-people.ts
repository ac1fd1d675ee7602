/**
 * Who wrote what in an imported file (ADR 0142). A file's User is matched to a project member by
 * e-mail address when the file gives one (in its `id` or `name`), else by name, ignoring case
 * and spacing; what a matched user wrote is that member's. A user who matches nobody cannot be
 * made a member from a file: their memos keep their name with the tool that wrote the file
 * ("Ana (from NVivo)"), and their codings are the importer's. Pure.
 */
export interface FileUser {
  guid: string;
  name: string;
  /** The user's `id` attribute: a login or, in some tools, an e-mail address. */
  id?: string;
}

export interface ProjectMember {
  id: string;
  email: string;
  name: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const fold = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

/** The user's e-mail address, if the file gives one. */
function emailOf(user: FileUser): string | null {
  for (const candidate of [user.id, user.name]) if (candidate && EMAIL.test(candidate.trim())) return fold(candidate);
  return null;
}

/** Each file user's member, by the user's GUID; users who match nobody are left out. */
export function matchUsers(users: readonly FileUser[], members: readonly ProjectMember[]): Map<string, string> {
  const byEmail = new Map(members.map((m) => [fold(m.email), m.id]));
  const byName = new Map<string, string | null>();
  // A name two members share names neither of them.
  for (const m of members) byName.set(fold(m.name), byName.has(fold(m.name)) ? null : m.id);
  const matched = new Map<string, string>();
  for (const user of users) {
    if (!user.guid) continue;
    const email = emailOf(user);
    const member = (email ? byEmail.get(email) : undefined) ?? (user.name.trim() ? byName.get(fold(user.name)) : undefined);
    if (member) matched.set(user.guid, member);
  }
  return matched;
}

/**
 * The tool a file names in `Project/@origin`, without its platform and version: "NVivo for Mac
 * 15.0.0" → "NVivo", "ATLAS.ti for Windows 23.2.3" → "ATLAS.ti", "MAXQDA 2022" → "MAXQDA".
 */
export function toolName(origin: string | undefined): string | null {
  const name = (origin ?? "")
    .replace(/\s+for\s+.*$/i, "")
    .replace(/(\s+\(?v?\d[\w.()-]*\)?)+$/i, "")
    .replace(/\s+/g, " ")
    .trim();
  return name ? name.slice(0, 60) : null;
}
