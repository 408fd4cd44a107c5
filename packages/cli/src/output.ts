// Writing results: to stdout, or to --output FILE atomically (a temporary file renamed into place, never half-written).
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GateError } from "@mergegate/core";

export function writeOutput(text: string, outputFile: string | undefined): void {
  if (outputFile === undefined) {
    process.stdout.write(text);
    return;
  }
  const temporary = path.join(path.dirname(path.resolve(outputFile)), `.${path.basename(outputFile)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, outputFile);
  } catch (error) {
    throw new GateError(`cannot write output: ${(error as Error).message}`, outputFile);
  }
}

/** Colour only when writing text to a terminal, and never with NO_COLOR. */
export function useColor(outputFile: string | undefined): boolean {
  return outputFile === undefined && process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
}
