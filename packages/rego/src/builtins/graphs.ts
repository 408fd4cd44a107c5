// Graph builtins: walk (a relation over every path and value), graph.reachable and graph.reachable_paths.

import { ObjectValue, SetValue, type Value } from "../values.js";
import { elements, T, type Builtin, type BuiltinContext } from "./registry.js";

/** Every [path, value] pair of a document, parents before children, in OPA's key order. */
function walk(value: Value, context: BuiltinContext, excludeValues: boolean): Value[] {
  const results: Value[] = [];
  const visit = (node: Value, path: Value[]): void => {
    context.charge(1);
    results.push(excludeValues ? [path, null] : [path, node]);
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (node instanceof ObjectValue) for (const [key, item] of node.sortedEntries()) visit(item, [...path, key]);
    else if (node instanceof SetValue) for (const item of node.sorted()) visit(item, [...path, item]);
  };
  visit(value, []);
  return results;
}

function neighbours(graph: ObjectValue, node: Value): Value[] {
  const edges = graph.get(node);
  return edges === undefined || edges === null ? [] : elements(edges);
}

function reachable([graph, initial]: Value[]): Value {
  const seen = new SetValue();
  const queue = [...elements(initial as Value)];
  while (queue.length > 0) {
    const node = queue.shift() as Value;
    if (seen.has(node) || !(graph as ObjectValue).has(node)) continue;
    seen.add(node);
    queue.push(...neighbours(graph as ObjectValue, node));
  }
  return seen;
}

function reachablePaths([graph, initial]: Value[]): Value {
  const paths = new SetValue();
  const extend = (path: Value[]): void => {
    const node = path[path.length - 1] as Value;
    const next = neighbours(graph as ObjectValue, node).filter((item) => !path.some((step) => step === item) && (graph as ObjectValue).has(item));
    if (next.length === 0) paths.add(path);
    for (const item of next) extend([...path, item]);
  };
  for (const node of elements(initial as Value)) if ((graph as ObjectValue).has(node)) extend([node]);
  return paths;
}

export const graphBuiltins: Builtin[] = [
  { name: "walk", args: [T.any], result: T.array, relation: true, implementation: ([value], context) => walk(value as Value, context, false) },
  { name: "graph.reachable", args: [T.object, T.arrayOrSet], result: T.set, implementation: reachable },
  { name: "graph.reachable_paths", args: [T.object, T.arrayOrSet], result: T.set, implementation: reachablePaths },
];
