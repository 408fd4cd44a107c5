// GraphQL builtins through the graphql package, with results in the AST shape of OPA's gqlparser (empty fields pruned).

import { createRequire } from "node:module";
import type { ASTNode, DocumentNode, GraphQLSchema } from "graphql";
import { fromJSON, type Value } from "../values.js";
import { onFirstUse } from "./first-use.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

type GraphQL = typeof import("graphql");

const require = createRequire(import.meta.url);
const gql = onFirstUse(() => require("graphql") as GraphQL);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = ASTNode & Record<string, unknown>;

const valueKinds: Record<string, number> = {
  Variable: 0, IntValue: 1, FloatValue: 2, StringValue: 3, BooleanValue: 5, NullValue: 6, EnumValue: 7, ListValue: 8, ObjectValue: 9,
};

const definitionKinds: Record<string, string> = {
  ObjectTypeDefinition: "OBJECT", ObjectTypeExtension: "OBJECT",
  InterfaceTypeDefinition: "INTERFACE", InterfaceTypeExtension: "INTERFACE",
  UnionTypeDefinition: "UNION", UnionTypeExtension: "UNION",
  EnumTypeDefinition: "ENUM", EnumTypeExtension: "ENUM",
  InputObjectTypeDefinition: "INPUT_OBJECT", InputObjectTypeExtension: "INPUT_OBJECT",
  ScalarTypeDefinition: "SCALAR", ScalarTypeExtension: "SCALAR",
};

const name = (node: unknown): string => (node as { value?: string } | undefined)?.value ?? "";
const list = <T>(items: readonly T[] | undefined, convert: (item: T) => Json): Json[] => (items ?? []).map(convert);

function typeOf(node: Node): Json {
  if (node.kind === gql().Kind.NON_NULL_TYPE) return { ...(typeOf(node.type as Node) as object), NonNull: true };
  if (node.kind === gql().Kind.LIST_TYPE) return { NamedType: "", Elem: typeOf(node.type as Node), NonNull: false };
  return { NamedType: name(node.name), NonNull: false };
}

function valueOf(node: Node): Json {
  const kind = valueKinds[node.kind] ?? 0;
  const raw = node.kind === gql().Kind.VARIABLE ? name(node.name) : node.kind === gql().Kind.NULL ? "null" : String((node as { value?: unknown }).value ?? "");
  const children = node.kind === gql().Kind.LIST
    ? list(node.values as Node[], (item) => ({ Name: "", Value: valueOf(item) }))
    : node.kind === gql().Kind.OBJECT
      ? list(node.fields as Node[], (field) => ({ Name: name(field.name), Value: valueOf(field.value as Node) }))
      : [];
  return { Raw: node.kind === gql().Kind.STRING && (node as { block?: boolean }).block ? raw : raw, Children: children, Kind: node.kind === gql().Kind.STRING && (node as { block?: boolean }).block ? 4 : kind, ExpectedTypeHasDefault: false };
}

const argument = (node: Node): Json => ({ Name: name(node.name), Value: valueOf(node.value as Node) });
const directive = (node: Node): Json => ({ Name: name(node.name), Arguments: list(node.arguments as Node[], argument) });

function selection(node: Node): Json {
  if (node.kind === gql().Kind.FIELD) {
    return {
      Alias: name(node.alias) || name(node.name),
      Name: name(node.name),
      Arguments: list(node.arguments as Node[], argument),
      Directives: list(node.directives as Node[], directive),
      SelectionSet: selections(node.selectionSet as Node | undefined),
    };
  }
  if (node.kind === gql().Kind.FRAGMENT_SPREAD) return { Name: name(node.name), Directives: list(node.directives as Node[], directive) };
  return { TypeCondition: name((node.typeCondition as Node | undefined)?.name), Directives: list(node.directives as Node[], directive), SelectionSet: selections(node.selectionSet as Node) };
}

function selections(node: Node | undefined): Json {
  return list((node?.selections ?? []) as Node[], selection);
}

const variableDefinition = (node: Node): Json => ({
  Variable: name((node.variable as Node).name),
  Type: typeOf(node.type as Node),
  DefaultValue: node.defaultValue ? valueOf(node.defaultValue as Node) : null,
  Directives: list(node.directives as Node[], directive),
});

function queryDocument(document: DocumentNode): Json {
  const operations: Json[] = [];
  const fragments: Json[] = [];
  for (const definition of document.definitions as unknown as Node[]) {
    if (definition.kind === gql().Kind.OPERATION_DEFINITION) {
      operations.push({
        Operation: String(definition.operation),
        Name: name(definition.name),
        VariableDefinitions: list(definition.variableDefinitions as Node[], variableDefinition),
        Directives: list(definition.directives as Node[], directive),
        SelectionSet: selections(definition.selectionSet as Node),
      });
    } else if (definition.kind === gql().Kind.FRAGMENT_DEFINITION) {
      fragments.push({
        Name: name(definition.name),
        TypeCondition: name((definition.typeCondition as Node).name),
        Directives: list(definition.directives as Node[], directive),
        SelectionSet: selections(definition.selectionSet as Node),
      });
    }
  }
  return { Operations: operations, Fragments: fragments };
}

const description = (node: Node): string => name(node.description);

const argumentDefinition = (node: Node): Json => ({
  Description: description(node),
  Name: name(node.name),
  DefaultValue: node.defaultValue ? valueOf(node.defaultValue as Node) : null,
  Type: typeOf(node.type as Node),
  Directives: list(node.directives as Node[], directive),
});

const fieldDefinition = (node: Node): Json => ({
  Description: description(node),
  Name: name(node.name),
  Arguments: list(node.arguments as Node[], argumentDefinition),
  DefaultValue: node.defaultValue ? valueOf(node.defaultValue as Node) : null,
  Type: typeOf(node.type as Node),
  Directives: list(node.directives as Node[], directive),
});

function typeDefinition(node: Node): Json {
  return {
    Kind: definitionKinds[node.kind] as string,
    Description: description(node),
    Name: name(node.name),
    Directives: list(node.directives as Node[], directive),
    Interfaces: list(node.interfaces as Node[], (item) => name(item.name)),
    Fields: list(node.fields as Node[], fieldDefinition),
    Types: list(node.types as Node[], (item) => name(item.name)),
    EnumValues: list(node.values as Node[], (item) => ({ Description: description(item), Name: name(item.name), Directives: list(item.directives as Node[], directive) })),
    BuiltIn: false,
  };
}

function schemaDocument(document: DocumentNode): Json {
  const result: Record<string, Json[]> = { Schema: [], SchemaExtension: [], Directives: [], Definitions: [], Extensions: [] };
  for (const node of document.definitions as unknown as Node[]) {
    if (node.kind === gql().Kind.SCHEMA_DEFINITION || node.kind === gql().Kind.SCHEMA_EXTENSION) {
      const schema = {
        Description: description(node),
        Directives: list(node.directives as Node[], directive),
        OperationTypes: list(node.operationTypes as Node[], (item) => ({ Operation: String(item.operation), Type: name((item.type as Node).name) })),
      };
      (result[node.kind === gql().Kind.SCHEMA_DEFINITION ? "Schema" : "SchemaExtension"] as Json[]).push(schema);
    } else if (node.kind === gql().Kind.DIRECTIVE_DEFINITION) {
      (result.Directives as Json[]).push({
        Description: description(node),
        Name: name(node.name),
        Arguments: list(node.arguments as Node[], argumentDefinition),
        Locations: list(node.locations as Node[], (item) => name(item)),
        IsRepeatable: Boolean(node.repeatable),
      });
    } else if (node.kind in definitionKinds) {
      (result[node.kind.endsWith("Extension") ? "Extensions" : "Definitions"] as Json[]).push(typeDefinition(node));
    }
  }
  return result;
}

/** Removes nulls, empty lists and empty objects, as OPA prunes gqlparser's JSON. */
function prune(value: Json): Json | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item): item is Json => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => [key, prune(item)] as const).filter(([, item]) => item !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries) as Json;
  }
  return value;
}

/** The offset of a 1-based line:column in a text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = text.indexOf("\n", offset) + 1;
  return offset + column - 1;
}

/**
 * graphql-js's syntax error as gqlparser (OPA's GraphQL parser) words it: punctuation unquoted (`found }`), a
 * variable in a constant as `Unexpected $`, an unterminated string as `<Invalid>`, and an empty `{}` list as
 * gqlparser's "expected at least one definition".
 */
function gqlparserWording(message: string, text: string, line: number, column: number): string {
  let wording = message
    .replace(/^Unexpected variable "\$[^"]*" in constant value$/, "Unexpected $")
    .replace(/^Unterminated string$/, "Unexpected <Invalid>")
    .replace(/"([^A-Za-z0-9"\s]+)"/g, "$1");
  if (wording === "Expected Name, found }" && text.slice(0, offsetOf(text, line, column)).trimEnd().endsWith("{")) wording = "expected at least one definition, found }";
  return wording;
}

function gqlError(builtin: string, error: unknown, text: string): BuiltinFailure {
  if (error instanceof gql().GraphQLError) {
    const message = error.message.replace(/^Syntax Error: /, "").replace(/\.$/, "");
    const location = error.locations?.[0];
    if (!location) return new BuiltinFailure(`${message} in GraphQL string at location 0:0`);
    return new BuiltinFailure(`${gqlparserWording(message, text, location.line, location.column)} in GraphQL string at location ${location.line}:${location.column}`);
  }
  return new BuiltinFailure(`${builtin}: ${(error as Error).message}`);
}

function parseDocument(text: string, builtin: string, executable: boolean): DocumentNode {
  let document: DocumentNode;
  try {
    document = gql().parse(text, { noLocation: false });
  } catch (error) {
    throw gqlError(builtin, error, text);
  }
  if (document.definitions.length === 0) throw new BuiltinFailure("expected at least one definition, found } in GraphQL string");
  const allowed = document.definitions.every((definition) => (executable ? [gql().Kind.OPERATION_DEFINITION, gql().Kind.FRAGMENT_DEFINITION] : [gql().Kind.OPERATION_DEFINITION, gql().Kind.FRAGMENT_DEFINITION]).includes(definition.kind as never) !== !executable || !executable);
  if (!allowed) throw new BuiltinFailure(`Unexpected Name in GraphQL string`);
  return document;
}

/** Extensions of types that are not defined become definitions, as gqlparser accepts them. */
function definingExtensions(document: DocumentNode): DocumentNode {
  const defined = new Set(document.definitions.filter((node) => node.kind.endsWith("Definition") && "name" in node).map((node) => name((node as Node).name)));
  const definitions = document.definitions.map((node) => {
    if (!node.kind.endsWith("TypeExtension") || !("name" in node)) return node;
    const typeName = name((node as Node).name);
    if (defined.has(typeName)) return node;
    defined.add(typeName);
    return { ...node, kind: node.kind.replace("Extension", "Definition") } as typeof node;
  });
  return { ...document, definitions };
}

function buildSchema(text: string): GraphQLSchema {
  const document = parseDocument(text, "graphql.parse_schema", false);
  let schema: GraphQLSchema;
  try {
    schema = gql().buildASTSchema(definingExtensions(document));
  } catch (error) {
    throw gqlError("graphql.parse_schema", error, text);
  }
  const errors = gql().validateSchema(schema).filter((error) => !/Query root type must be provided/.test(error.message));
  if (errors.length > 0) throw gqlError("graphql.parse_schema", errors[0], text);
  return schema;
}

function schemaText(value: Value): string {
  if (typeof value === "string") return value;
  throw new BuiltinFailure("schema must be a string");
}

function verifyQuery(queryText: string, schemaSource: string): { query: DocumentNode; schema: DocumentNode } {
  const schema = buildSchema(schemaSource);
  const query = parseDocument(queryText, "graphql.parse_query", true);
  const errors = gql().validate(schema, query);
  if (errors.length > 0) throw gqlError("graphql.parse", errors[0], queryText);
  return { query, schema: parseDocument(schemaSource, "graphql.parse_schema", false) };
}

const toValue = (json: Json): Value => fromJSON(prune(json) ?? {});
const succeeds = (action: () => unknown): boolean => {
  try {
    action();
    return true;
  } catch (error) {
    if (error instanceof BuiltinFailure) return false;
    throw error;
  }
};

export const graphqlBuiltins: Builtin[] = [
  { name: "graphql.parse_query", args: [T.string], result: T.object, implementation: ([text]) => toValue(queryDocument(parseDocument(text as string, "graphql.parse_query", true))) },
  { name: "graphql.parse_schema", args: [T.string], result: T.object, implementation: ([text]) => toValue(schemaDocument(parseDocument(text as string, "graphql.parse_schema", false))) },
  {
    name: "graphql.parse",
    args: [T.string, ["string", "object"]],
    result: T.array,
    implementation: ([query, schema]) => {
      const verified = verifyQuery(query as string, schemaText(schema as Value));
      return [toValue(queryDocument(verified.query)), toValue(schemaDocument(verified.schema))];
    },
  },
  {
    name: "graphql.parse_and_verify",
    args: [T.string, ["string", "object"]],
    result: T.array,
    implementation: ([query, schema]) => {
      try {
        const verified = verifyQuery(query as string, schemaText(schema as Value));
        return [true, toValue(queryDocument(verified.query)), toValue(schemaDocument(verified.schema))];
      } catch (error) {
        if (error instanceof BuiltinFailure) return [false, toValue({}), toValue({})];
        throw error;
      }
    },
  },
  { name: "graphql.is_valid", args: [["string", "object"], ["string", "object"]], result: T.boolean, implementation: ([query, schema]) => succeeds(() => verifyQuery(query as string, schemaText(schema as Value))) },
  { name: "graphql.schema_is_valid", args: [["string", "object"]], result: T.boolean, implementation: ([schema]) => succeeds(() => buildSchema(schemaText(schema as Value))) },
];
