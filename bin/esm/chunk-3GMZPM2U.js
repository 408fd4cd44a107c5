import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{GateError,diffFormatNames,formatNames}from"./chunk-AMXQUHSL.js";function refuseFormatName(output){if(!(output===void 0||![...formatNames,...diffFormatNames].includes(output)))throw new GateError(`--output takes a file name, not a format: did you mean --format ${output}? (--output ./${output} writes a file named "${output}")`)}export{refuseFormatName};
