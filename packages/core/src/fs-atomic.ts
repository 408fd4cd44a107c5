// Writing a file so that no reader ever sees half of it: a temporary file beside it, then a rename.
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

/** Appends a chunk to the file being written. */
export type Append = (chunk: string | Uint8Array) => void;

/**
 * Writes `content` to `file` (creating its folder): a text, or a function that appends the file chunk by chunk (so
 * a large file is never one string in memory). On failure the temporary file is removed and the error thrown.
 */
export function writeAtomically(file: string, content: string | ((append: Append) => void)): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    if (typeof content === "string") writeFileSync(temporary, content);
    else writeInChunks(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Chunks are gathered up to this many bytes per write call: a pack of many small entries is not a write per entry. */
const writeBatch = 1 << 20;

function writeInChunks(file: string, write: (append: Append) => void): void {
  const fd = openSync(file, "w");
  const batch = Buffer.allocUnsafe(writeBatch);
  let filled = 0;
  const writeAll = (bytes: Uint8Array): void => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
  };
  try {
    write((chunk) => {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      if (filled + bytes.length > writeBatch) {
        writeAll(batch.subarray(0, filled));
        filled = 0;
      }
      if (bytes.length > writeBatch) {
        writeAll(bytes);
      } else {
        batch.set(bytes, filled);
        filled += bytes.length;
      }
    });
    writeAll(batch.subarray(0, filled));
  } finally {
    closeSync(fd);
  }
}
