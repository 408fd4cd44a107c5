import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
var version="0.1.0";export{version};
