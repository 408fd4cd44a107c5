// Writing a file so that no reader ever sees half of it: a temporary file beside it, then a rename.
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

/** Writes `text` to `file` (creating its folder); on failure the temporary file is removed and the error thrown. */
export function writeAtomically(file: string, text: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = temporaryBeside(file);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A file written chunk by chunk (never one string in memory), that replaces `file` only when committed. */
export interface AtomicFile {
  /** Bytes appended so far: the offset the next chunk starts at. */
  readonly size: number;
  append(chunk: string | Uint8Array): void;
  /** Puts the file in place; on failure the temporary file is removed and the error thrown. */
  commit(): void;
  /** Removes the temporary file; nothing replaces `file`. */
  abandon(): void;
}

/** Chunks are gathered up to this many bytes per write call: a pack of many small entries is not a write per entry. */
const writeBatch = 1 << 20;

/** Starts writing `file` (creating its folder). */
export function openAtomically(file: string): AtomicFile {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = temporaryBeside(file);
  const fd = openSync(temporary, "w");
  const batch = Buffer.allocUnsafe(writeBatch);
  let filled = 0;
  let size = 0;
  let open = true;
  const writeAll = (bytes: Uint8Array): void => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
  };
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  const abandon = (): void => {
    try {
      close();
    } finally {
      rmSync(temporary, { force: true });
    }
  };
  return {
    get size() {
      return size;
    },
    append(chunk) {
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
      size += bytes.length;
    },
    commit() {
      try {
        writeAll(batch.subarray(0, filled));
        close();
        renameSync(temporary, file);
      } catch (error) {
        abandon();
        throw error;
      }
    },
    abandon,
  };
}

function temporaryBeside(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}
