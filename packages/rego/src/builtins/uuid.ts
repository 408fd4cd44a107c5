// UUID builtins: uuid.rfc4122 (random v4, stable per evaluation and key) and uuid.parse (fields of any version).

import { randomUUID } from "node:crypto";
import { normalizeInteger, ObjectValue, type Value } from "../values.js";
import { T, type Builtin } from "./registry.js";

function parse([text]: Value[]): Value | undefined {
  const source = (text as string).toLowerCase().replace(/^urn:uuid:/, "").replace(/^\{(.*)\}$/, "$1");
  const compact = source.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/.test(compact) || (source.includes("-") && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(source))) return undefined;
  const hex = compact;
  const version = parseInt(hex[12] as string, 16);
  const variantBits = parseInt(hex[16] as string, 16);
  const variant = variantBits < 8 ? "Reserved, NCS backward compatibility" : variantBits < 12 ? "RFC4122" : variantBits < 14 ? "Reserved, Microsoft Corporation backward compatibility" : "Reserved, future definition";
  const fields: [Value, Value][] = [["version", version], ["variant", variant]];
  if (version === 1 || version === 2) {
    const time = (BigInt(`0x${hex.slice(13, 16)}`) << 48n) | (BigInt(`0x${hex.slice(8, 12)}`) << 32n) | BigInt(`0x${hex.slice(0, 8)}`);
    const unixNanos = (time - 122192928000000000n) * 100n;
    fields.push(["time", normalizeInteger(unixNanos)], ["nodeid", hex.slice(20).match(/../g)!.join("-")], ["clocksequence", parseInt(hex.slice(16, 20), 16) & 0x3fff]);
    fields.push(["macvariables", macVariables(parseInt(hex.slice(20, 22), 16))]);
    if (version === 2) fields.push(["id", parseInt(hex.slice(0, 8), 16)], ["domain", ["Person", "Group", "Org"][parseInt(hex.slice(18, 20), 16)] ?? `Domain${parseInt(hex.slice(18, 20), 16)}`]);
  }
  return ObjectValue.from(fields);
}

/** The node's IEEE 802 bits: 0x02 is locally administered, 0x01 multicast. */
function macVariables(firstOctet: number): string {
  return `${firstOctet & 2 ? "local" : "global"}:${firstOctet & 1 ? "multicast" : "unicast"}`;
}

export const uuidBuiltins: Builtin[] = [
  {
    name: "uuid.rfc4122",
    args: [T.string],
    result: T.string,
    implementation: ([key], context) => {
      const memoKey = `uuid.rfc4122:${key as string}`;
      let value = context.memo.get(memoKey);
      if (value === undefined) context.memo.set(memoKey, (value = randomUUID()));
      return value;
    },
  },
  { name: "uuid.parse", args: [T.string], result: T.object, implementation: parse },
];
