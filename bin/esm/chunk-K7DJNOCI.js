import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{Option}from"./chunk-G7FTJZAB.js";var collect=(value,previous)=>[...previous,value];function addEnvironmentFlags(command){return command.argument("[DIR]","the environment repository",".").option("--env <name>","only this environment (repeatable)",collect,[]).option("--config <file>","configuration file (default: DIR/mergegate.yaml)").option("--allow-remote","let kustomize fetch remote bases",!1)}function formatOption(names,fallback){return new Option("--format <format>","output format").choices([...names]).default(fallback)}export{collect,addEnvironmentFlags,formatOption};
