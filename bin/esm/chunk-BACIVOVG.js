import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{Command}from"./chunk-G7FTJZAB.js";import{initRepo,ownerPlaceholder}from"./chunk-AMXQUHSL.js";import"./chunk-6VTPYANC.js";import"./chunk-THML6YSL.js";import"./chunk-GCGR6RA7.js";function initCommand(){return new Command("init").description("write mergegate.yaml (from the detected environments), .pre-commit-config.yaml and .github/workflows/mergegate.yml").argument("[DIR]","the environment repository",".").option("--force","overwrite files that exist",!1).option("--owner <name>","GitHub owner of the mergegate repository the Action and the hook come from",ownerPlaceholder).action(async(dir,flags)=>{let result=await initRepo({dir,force:flags.force,owner:flags.owner}),lines=result.files.map(file=>file.status==="skipped"?`skipped ${file.path} (it exists; --force overwrites it)`:`${file.status} ${file.path}`);lines.push(`environments: ${result.environments.join(", ")}`),flags.owner===ownerPlaceholder&&lines.push(`replace ${ownerPlaceholder} in the generated files with the mergegate repository's owner (or run with --owner)`),process.stdout.write(lines.join(`
`)+`
`)})}export{initCommand};
