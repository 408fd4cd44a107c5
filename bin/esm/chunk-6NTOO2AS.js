import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{addEnvironmentFlags}from"./chunk-K7DJNOCI.js";import{Command}from"./chunk-G7FTJZAB.js";import{pruneBaseline,writeBaseline}from"./chunk-AMXQUHSL.js";import"./chunk-6VTPYANC.js";import"./chunk-THML6YSL.js";import"./chunk-GCGR6RA7.js";function baselineCommand(){let options=(dir,flags)=>({repo:dir,envs:flags.env,config:flags.config??null,allowRemote:flags.allowRemote}),write=addEnvironmentFlags(new Command("write")).description("record the fingerprints of the current unsuppressed findings in the baseline file").option("--check <check>","only this check's findings (e.g. secrets); other checks' entries are kept").action(async(dir,flags)=>{let{file,written}=await writeBaseline(options(dir,flags),flags.check??null);process.stdout.write(`${written} finding${written===1?"":"s"} written to ${file}
`)}),prune=addEnvironmentFlags(new Command("prune")).description("remove baseline entries that no longer match a finding").action(async(dir,flags)=>{let{file,removed}=await pruneBaseline(options(dir,flags));process.stdout.write(`${removed} unused entr${removed===1?"y":"ies"} removed from ${file}
`)});return new Command("baseline").description("manage the baseline of accepted findings").addCommand(write).addCommand(prune)}export{baselineCommand};
