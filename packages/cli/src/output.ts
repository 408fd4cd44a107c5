// Writing results: to stdout, or to files — regular files atomically (a temporary file renamed into place, never
// half-written), links, FIFOs and devices through (a rename would replace them with a regular file).
import { lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GateError } from "@mergegate/core";

export function writeOutput(text: string, outputFile: string | undefined): void {
  if (outputFile === undefined) {
    process.stdout.write(text);
    return;
  }
  if (!isRegularFileOrAbsent(outputFile)) {
    // a link's target, a FIFO, a device, /proc/self/fd/1: written through, as a shell redirection would
    try {
      writeFileSync(outputFile, text);
    } catch (error) {
      throw new GateError(`cannot write output: ${(error as Error).message}`, outputFile);
    }
    return;
  }
  const temporary = path.join(path.dirname(path.resolve(outputFile)), `.${path.basename(outputFile)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, outputFile);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new GateError(`cannot write output: ${(error as Error).message}`, outputFile);
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
