// Registers every builtin group (grouped as OPA's documentation groups them) in the registry.

import { aggregateBuiltins } from "./aggregates.js";
import { arithmeticBuiltins } from "./arithmetic.js";
import { awsBuiltins } from "./aws.js";
import { bitBuiltins } from "./bits.js";
import { castBuiltins } from "./casts.js";
import { collectionBuiltins } from "./collections.js";
import { comparisonBuiltins } from "./comparison.js";
import { cryptoBuiltins } from "./crypto.js";
import { encodingBuiltins } from "./encoding.js";
import { globBuiltins } from "./glob.js";
import { globsMatchBuiltins } from "./globs-match.js";
import { graphBuiltins } from "./graphs.js";
import { graphqlBuiltins } from "./graphql.js";
import { jsonPatchBuiltins } from "./json-patch.js";
import { jsonSchemaBuiltins } from "./json-schema.js";
import { jwtBuiltins } from "./jwt.js";
import { netBuiltins } from "./net.js";
import { networkBuiltins } from "./network.js";
import { objectBuiltins } from "./objects.js";
import { randomBuiltins } from "./random.js";
import { regexBuiltins } from "./regex.js";
import { regoModuleBuiltins } from "./rego-module.js";
import { registerBuiltins, T } from "./registry.js";
import { runtimeBuiltins } from "./runtime.js";
import { semverBuiltins } from "./semver.js";
import { stringBuiltins } from "./strings.js";
import { moreStringBuiltins } from "./strings-more.js";
import { timeBuiltins } from "./time.js";
import { typeBuiltins } from "./types.js";
import { unitBuiltins } from "./units.js";
import { uuidBuiltins } from "./uuid.js";
import { x509Builtins } from "./x509.js";

registerBuiltins([
  ...comparisonBuiltins,
  ...arithmeticBuiltins,
  ...bitBuiltins,
  ...aggregateBuiltins,
  ...typeBuiltins,
  ...castBuiltins,
  ...stringBuiltins,
  ...moreStringBuiltins,
  ...regexBuiltins,
  ...globBuiltins,
  ...globsMatchBuiltins,
  ...collectionBuiltins,
  ...objectBuiltins,
  ...encodingBuiltins,
  ...jsonPatchBuiltins,
  ...jsonSchemaBuiltins,
  ...unitBuiltins,
  ...netBuiltins,
  ...networkBuiltins,
  ...uuidBuiltins,
  ...semverBuiltins,
  ...graphBuiltins,
  ...cryptoBuiltins,
  ...x509Builtins,
  ...jwtBuiltins,
  ...graphqlBuiltins,
  ...timeBuiltins,
  ...runtimeBuiltins,
  ...awsBuiltins,
  ...randomBuiltins,
  ...regoModuleBuiltins,
  { name: "print", args: [], result: T.boolean, variadic: true, implementation: () => true },
]);

export { builtinNames, lookupBuiltin, registerBuiltins } from "./registry.js";
export type { Builtin, BuiltinContext } from "./registry.js";
