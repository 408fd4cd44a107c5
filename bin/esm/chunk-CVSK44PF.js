import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
throw Object.assign(new Error("react-devtools-core is not bundled"),{code:"ERR_MODULE_NOT_FOUND"});
