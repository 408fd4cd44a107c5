// Semantic-version builtins through the semver package: semver.is_valid and semver.compare.

import { createRequire } from "node:module";
import type { Value } from "../values.js";
import { onFirstUse } from "./first-use.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

type Semver = typeof import("semver");

const require = createRequire(import.meta.url);
const semverModule = onFirstUse(() => require("semver") as Semver);

function strict(text: string, position: number): string {
  if (semverModule().valid(text, { loose: false }) === null || text.startsWith("v")) throw new BuiltinFailure(`operand ${position}: string ${JSON.stringify(text)} is not a valid SemVer`);
  return text;
}

export const semverBuiltins: Builtin[] = [
  { name: "semver.is_valid", args: [T.any], result: T.boolean, implementation: ([text]) => typeof text === "string" && !text.startsWith("v") && semverModule().valid(text) !== null },
  {
    name: "semver.compare",
    args: [T.string, T.string],
    result: T.number,
    implementation: ([a, b]: Value[]) => semverModule().compare(strict(a as string, 1), strict(b as string, 2)),
  },
];
