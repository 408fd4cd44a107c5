// Semantic-version builtins through the semver package: semver.is_valid and semver.compare.

import semver from "semver";
import type { Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

function strict(text: string, position: number): string {
  if (semver.valid(text, { loose: false }) === null || text.startsWith("v")) throw new BuiltinFailure(`operand ${position}: string ${JSON.stringify(text)} is not a valid SemVer`);
  return text;
}

export const semverBuiltins: Builtin[] = [
  { name: "semver.is_valid", args: [T.any], result: T.boolean, implementation: ([text]) => typeof text === "string" && !text.startsWith("v") && semver.valid(text) !== null },
  {
    name: "semver.compare",
    args: [T.string, T.string],
    result: T.number,
    implementation: ([a, b]: Value[]) => semver.compare(strict(a as string, 1), strict(b as string, 2)),
  },
];
