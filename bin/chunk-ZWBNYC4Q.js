import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{kubernetesVersionArgument,schemasCommand}from"./chunk-22OARHW6.js";import"./chunk-HWTIULXF.js";import"./chunk-LBLOGT2Z.js";import"./chunk-PIYKVJWM.js";export{kubernetesVersionArgument,schemasCommand};
