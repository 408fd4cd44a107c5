import { createRequire as __mergegateCreateRequire } from "node:module";
import { fileURLToPath as __mergegateFileURLToPath } from "node:url";
const require = __mergegateCreateRequire(import.meta.url);
const __filename = __mergegateFileURLToPath(import.meta.url);
const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));
import{Command}from"./chunk-G7FTJZAB.js";import{GateError,explainRule}from"./chunk-AMXQUHSL.js";import"./chunk-6VTPYANC.js";import"./chunk-THML6YSL.js";import"./chunk-GCGR6RA7.js";function explainCommand(){return new Command("explain").description("print a rule's documentation: what it finds, its default severity, how to fix it").argument("<RULE>","a rule id, e.g. k8s/invalid-name or policy/no-latest-tag").action(rule=>{let meta=explainRule(rule);if(meta===void 0)throw new GateError(`unknown rule "${rule}" (see the rules table in the README)`);process.stdout.write(`${meta.id}  (default severity: ${meta.severity})

${meta.description}

${meta.docs}

More: ${meta.helpUri}
`)})}export{explainCommand};
