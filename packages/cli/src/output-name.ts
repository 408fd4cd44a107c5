// `--output FILE` names a file: a bare format name (`--output json`, as conftest users type) is refused with a hint.
import { diffFormatNames, formatNames, GateError } from "@mergegate/core";

/** Throws when `output` is exactly a format name (a file named "json" is never what was meant). */
export function refuseFormatName(output: string | undefined): void {
  if (output === undefined || ![...formatNames, ...diffFormatNames].includes(output)) return;
  throw new GateError(`--output takes a file name, not a format: did you mean --format ${output}? (--output ./${output} writes a file named "${output}")`);
}
