import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
var exitCodesHelp=`
Exit codes:
  0  pass: no finding at or above an environment's failOn
  1  fail: the verdict failed (findings at or above failOn)
  2  gate error: bad usage, invalid configuration, renderer missing, internal error

Configuration:
  DIR/mergegate.yaml (or --config FILE), validated against its JSON Schema; unknown keys are errors.
  Without it, environments are detected (Argo CD / Flux objects, overlays/<env>, envs/<env>, \u2026).
`;export{exitCodesHelp};
