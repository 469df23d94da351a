import { mkdirSync, mkdtempSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertReachableByPostgresUser, describeBlockedFolder, firstUntraversableFolder, foldersOnTheWay, type FolderInfo } from "./postgres-user-access";

const ROOT_UID = 0;
const postgres = { uid: 101, gid: 104 };
const folder = (folderPath: string, mode: number, uid = ROOT_UID, gid = 0): FolderInfo => ({ path: folderPath, mode: 0o40000 | mode, uid, gid });

describe("can the postgres user pass through the folders above the project", () => {
  it("passes through folders others may enter", () => {
    expect(firstUntraversableFolder([folder("/", 0o755), folder("/work", 0o755), folder("/work/crm", 0o711)], postgres)).toBeNull();
  });

  it("stops at a private home folder such as /root (mode 700)", () => {
    expect(firstUntraversableFolder([folder("/", 0o755), folder("/root", 0o700), folder("/root/crm", 0o755)], postgres)?.path).toBe("/root");
  });

  it("uses the owner bits for a folder postgres owns and the group bits for its primary group", () => {
    expect(firstUntraversableFolder([folder("/srv/pg", 0o700, postgres.uid, postgres.gid)], postgres)).toBeNull();
    expect(firstUntraversableFolder([folder("/srv/shared", 0o750, ROOT_UID, postgres.gid)], postgres)).toBeNull();
    // Owner bits decide for the owner even when the others may pass.
    expect(firstUntraversableFolder([folder("/srv/odd", 0o071, postgres.uid, 0)], postgres)?.path).toBe("/srv/odd");
    expect(firstUntraversableFolder([folder("/srv/group-only", 0o750, ROOT_UID, 999)], postgres)?.path).toBe("/srv/group-only");
  });

  it("judges a postgres user that does not exist yet by the bits for others", () => {
    expect(firstUntraversableFolder([folder("/home/dev", 0o750, 1000, 1000)], null)?.path).toBe("/home/dev");
    expect(firstUntraversableFolder([folder("/home/dev", 0o751, 1000, 1000)], null)).toBeNull();
  });

  it("names the folder, its mode and the fixes", () => {
    const message = describeBlockedFolder(folder("/root", 0o700), "/root/crm/.data/postgres");
    expect(message).toContain("cannot enter /root (mode 700) on the way to /root/crm/.data/postgres");
    expect(message).toContain("chmod o+x /root");
    expect(message).toContain("DATABASE_URL");
  });

  it("lists the existing folders from / down to the target", () => {
    const base = mkdtempSync(path.join(tmpdir(), "pg-access-"));
    mkdirSync(path.join(base, "a", "b"), { recursive: true });
    expect(foldersOnTheWay(path.join(base, "a", "b", "not-yet"))).toEqual([...foldersOnTheWay(base), path.join(base, "a"), path.join(base, "a", "b")]);
    expect(foldersOnTheWay(base)[0]).toBe("/");
    rmSync(base, { recursive: true });
  });

  describe("on real folders", () => {
    const base = mkdtempSync(path.join(tmpdir(), "pg-access-"));
    afterAll(() => {
      chmodSync(path.join(base, "private"), 0o755);
      rmSync(base, { recursive: true });
    });

    it("refuses a target below a folder closed to others, naming that folder", () => {
      mkdirSync(path.join(base, "private", "crm", ".data"), { recursive: true });
      chmodSync(base, 0o755);
      chmodSync(path.join(base, "private"), 0o700);
      const stranger = { uid: 54321, gid: 54321 };
      expect(() => assertReachableByPostgresUser([path.join(base, "private", "crm", ".data", "postgres")], stranger)).toThrow(`cannot enter ${path.join(base, "private")} (mode 700)`);
      chmodSync(path.join(base, "private"), 0o711);
      expect(() => assertReachableByPostgresUser([path.join(base, "private", "crm", ".data", "postgres")], stranger)).not.toThrow();
    });
  });
});
