// Writing results: to stdout, or to files — regular files atomically (a temporary file renamed into place, never
// half-written), links, FIFOs and devices through (a rename would replace them with a regular file).
import { closeSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { GateError } from "@mergegate/core";

export function writeOutput(text: string, outputFile: string | undefined): void {
  if (outputFile === undefined) {
    for (const piece of pieces(text)) process.stdout.write(piece);
    return;
  }
  if (!isRegularFileOrAbsent(outputFile)) {
    // a link's target, a FIFO, a device, /proc/self/fd/1: written through, as a shell redirection would
    try {
      writePieces(outputFile, text);
    } catch (error) {
      throw new GateError(`cannot write output: ${(error as Error).message}`, outputFile);
    }
    return;
  }
  const temporary = path.join(path.dirname(path.resolve(outputFile)), `.${path.basename(outputFile)}.${process.pid}.tmp`);
  try {
    writePieces(temporary, text);
    renameSync(temporary, outputFile);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new GateError(`cannot write output: ${(error as Error).message}`, outputFile);
  }
}

/** Characters encoded at a time: a report of 50,000 findings is never held a second time whole, as bytes. */
const pieceLength = 1 << 20;

function* pieces(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + pieceLength, text.length);
    // a piece never ends between the two halves of a surrogate pair
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(start, end);
    start = end;
  }
}

function writePieces(file: string, text: string): void {
  const fd = openSync(file, "w");
  try {
    for (const piece of pieces(text)) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** Regular files (not links) and new paths are replaced atomically by rename; anything else is written through. */
function isRegularFileOrAbsent(file: string): boolean {
  if (isLink(file)) return false;
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? true;
  } catch {
    return true;
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes files under `folder`, replacing each listed subfolder whole: everything is written to a temporary
 * folder first, then each subfolder is swapped in by rename.
 */
export function writeTree(folder: string, subfolders: readonly string[], files: readonly { path: string; text: string }[]): void {
  const staging = path.join(folder, `.mergegate-${process.pid}.tmp`);
  try {
    rmSync(staging, { recursive: true, force: true });
    for (const subfolder of subfolders) mkdirSync(path.join(staging, subfolder), { recursive: true });
    for (const file of files) {
      mkdirSync(path.dirname(path.join(staging, file.path)), { recursive: true });
      writeFileSync(path.join(staging, file.path), file.text);
    }
    for (const subfolder of subfolders) {
      mkdirSync(path.dirname(path.join(folder, subfolder)), { recursive: true });
      rmSync(path.join(folder, subfolder), { recursive: true, force: true });
      renameSync(path.join(staging, subfolder), path.join(folder, subfolder));
    }
  } catch (error) {
    throw new GateError(`cannot write output: ${(error as Error).message}`, folder);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Colour only when writing text to a terminal, and never with NO_COLOR. */
export function useColor(outputFile: string | undefined): boolean {
  return outputFile === undefined && process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
}
