// Shared by the yaml rules: the parse errors of every loaded YAML file, with their positions.
import type { YAMLError } from "yaml";
import { lineColumnOf } from "../../repo/positions.js";
import type { Location, SourceFile } from "../../types.js";

export interface DocumentError {
  file: SourceFile;
  error: YAMLError;
  location: Location;
}

export function documentErrors(files: ReadonlyMap<string, SourceFile>): DocumentError[] {
  const found: DocumentError[] = [];
  for (const file of files.values()) {
    for (const errorsOfDocument of file.errors) {
      for (const error of errorsOfDocument) {
        const start = lineColumnOf(file.lineStarts, error.pos[0]);
        const end = lineColumnOf(file.lineStarts, Math.max(error.pos[0], error.pos[1]));
        found.push({ file, error, location: { file: file.path, ...start, endLine: end.line, endColumn: end.column } });
      }
    }
  }
  return found;
}
