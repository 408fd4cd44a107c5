// File contents read straight out of git, without checking anything out: one `git cat-file --batch` for many paths
// of a commit or of the index.
import { spawn } from "node:child_process";
import { GateError } from "../errors.js";
import { defaultToolTimeoutMs } from "../subprocess.js";

/** Where to read from: a commit (its id) or the index. */
export type Revision = { commit: string } | "index";

/**
 * The content of each top-level-relative path at `revision`; a path the revision lacks maps to null. Paths are read
 * in one process; a path with a newline cannot be named to `--batch` and is a gate error.
 */
export async function readBlobs(top: string, revision: Revision, paths: readonly string[]): Promise<Map<string, Buffer | null>> {
  const found = new Map<string, Buffer | null>();
  if (paths.length === 0) return found;
  const bad = paths.find((file) => file.includes("\n"));
  if (bad !== undefined) throw new GateError(`cannot read ${JSON.stringify(bad)} from git: the path holds a newline`);
  const prefix = revision === "index" ? ":" : `${revision.commit}:`;
  const output = await batch(top, paths.map((file) => `${prefix}${file}\n`).join(""));
  let offset = 0;
  for (const file of paths) {
    const end = output.indexOf(10, offset);
    if (end === -1) throw new GateError(`git cat-file --batch ended early, before ${file}`);
    const header = output.subarray(offset, end).toString("utf8");
    offset = end + 1;
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
      found.set(file, null);
      continue;
    }
    const [, type, size] = header.split(" ");
    const length = Number(size);
    if (!Number.isInteger(length)) throw new GateError(`unexpected answer from git cat-file --batch for ${file}: ${header}`);
    found.set(file, type === "blob" ? Buffer.from(output.subarray(offset, offset + length)) : null);
    offset += length + 1;
  }
  return found;
}

function batch(top: string, input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: top, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), defaultToolTimeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => reject(new GateError(`cannot run git: ${error.message}`)));
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(stdout));
      else reject(new GateError(`git cat-file --batch failed: ${Buffer.concat(stderr).toString("utf8").trim() || `exit ${code}`}`));
    });
  });
}
