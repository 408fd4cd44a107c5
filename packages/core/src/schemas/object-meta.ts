// A strict schema for metadata, used at the root of custom resources (the CRD's own schema leaves metadata open).
import type { JsonSchema } from "./convert.js";

const text = { type: ["string", "null"] };
const stringMap = { type: ["object", "null"], additionalProperties: { type: ["string", "null"] } };
const list = { type: ["array", "null"] };

export const objectMetaSchema: JsonSchema = {
  type: ["object", "null"],
  additionalProperties: false,
  properties: {
    name: text,
    generateName: text,
    namespace: text,
    labels: stringMap,
    annotations: stringMap,
    finalizers: { type: ["array", "null"], items: text },
    ownerReferences: list,
    managedFields: list,
    uid: text,
    resourceVersion: text,
    selfLink: text,
    generation: { type: ["integer", "null"] },
    creationTimestamp: text,
    deletionTimestamp: text,
    deletionGracePeriodSeconds: { type: ["integer", "null"] },
  },
};
