import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{kubernetesVersionArgument,schemasCommand}from"./chunk-K27NJB7F.js";import"./chunk-HWTIULXF.js";import"./chunk-4Q7D6XWL.js";import"./chunk-PIYKVJWM.js";export{kubernetesVersionArgument,schemasCommand};
