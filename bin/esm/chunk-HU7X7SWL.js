import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{Command}from"./chunk-G7FTJZAB.js";import{installHook}from"./chunk-AMXQUHSL.js";import"./chunk-6VTPYANC.js";import"./chunk-THML6YSL.js";import"./chunk-GCGR6RA7.js";import{realpathSync}from"node:fs";import path from"node:path";function hookCommand(){let install=new Command("install").description("write .git/hooks/pre-commit (or core.hooksPath's) to run `mergegate check --staged` before each commit").argument("[DIR]","a folder inside the git repository",".").option("--force","replace a pre-commit hook that mergegate did not write",!1).action(async(dir,flags)=>{let script=realpathSync(process.argv[1]??""),{file,status}=await installHook({dir,force:flags.force,command:{node:process.execPath,script}}),shown=path.relative(process.cwd(),file).startsWith("..")?file:path.relative(process.cwd(),file);process.stdout.write(`${status} ${shown}
`)});return new Command("hook").description("git hooks without the pre-commit framework").addCommand(install)}export{hookCommand};
