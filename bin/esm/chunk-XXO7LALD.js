import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{kubernetesVersionArgument,schemasCommand}from"./chunk-BDXW6LPO.js";import"./chunk-G7FTJZAB.js";import"./chunk-AMXQUHSL.js";import"./chunk-6VTPYANC.js";import"./chunk-THML6YSL.js";import"./chunk-GCGR6RA7.js";export{kubernetesVersionArgument,schemasCommand};
