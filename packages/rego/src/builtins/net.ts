// Network builtins over IPv4/IPv6 addresses and CIDRs (no DNS): net.cidr_contains|intersects|expand|is_valid|merge|contains_matches.

import { isIP } from "node:net";
import { ObjectValue, SetValue, type Value } from "../values.js";
import { BuiltinFailure, elements, T, type Builtin } from "./registry.js";

/** A network: its first address, prefix length and address width (32 or 128 bits). */
interface Network {
  base: bigint;
  prefix: number;
  bits: number;
}

function parseAddress(text: string): { value: bigint; bits: number } | undefined {
  const kind = isIP(text);
  if (kind === 4) return { value: text.split(".").reduce((total, part) => (total << 8n) | BigInt(part), 0n), bits: 32 };
  if (kind !== 6 || text.includes("%")) return undefined;
  let address = text;
  const ipv4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (ipv4) {
    const value = (parseAddress(ipv4[1] as string) as { value: bigint }).value;
    address = address.slice(0, -(ipv4[1] as string).length) + `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return { value: groups.reduce((total, group) => (total << 16n) | BigInt(`0x${group}`), 0n), bits: 128 };
}

export function parseNetwork(text: string): Network | undefined {
  const [address, prefixText, extra] = text.split("/");
  if (prefixText === undefined || extra !== undefined || !/^\d+$/.test(prefixText)) return undefined;
  const parsed = parseAddress(address as string);
  const prefix = Number(prefixText);
  if (!parsed || prefix > parsed.bits) return undefined;
  const mask = ((1n << BigInt(parsed.bits)) - 1n) ^ ((1n << BigInt(parsed.bits - prefix)) - 1n);
  return { base: parsed.value & mask, prefix, bits: parsed.bits };
}

function networkOrFail(text: string): Network {
  const network = parseNetwork(text);
  if (!network) throw new BuiltinFailure(`invalid CIDR address: ${text}`);
  return network;
}

/** A CIDR or a bare address (as a full-length network). */
function networkOrAddress(text: string): Network {
  if (text.includes("/")) return networkOrFail(text);
  const address = parseAddress(text);
  if (!address) throw new BuiltinFailure(`invalid IP address: ${text}`);
  return { base: address.value, prefix: address.bits, bits: address.bits };
}

function last(network: Network): bigint {
  return network.base + (1n << BigInt(network.bits - network.prefix)) - 1n;
}

function contains(outer: Network, inner: Network): boolean {
  return outer.bits === inner.bits && outer.prefix <= inner.prefix && inner.base >= outer.base && last(inner) <= last(outer);
}

function intersects(a: Network, b: Network): boolean {
  return a.bits === b.bits && a.base <= last(b) && b.base <= last(a);
}

export function formatAddress(value: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, index) => ((value >> BigInt(112 - index * 16)) & 0xffffn).toString(16));
  let best = [-1, 0];
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === "0") length++;
    if (length > 1 && length > (best[1] as number)) best = [start, length];
  }
  if ((best[0] as number) < 0) return groups.join(":");
  const [start, length] = best as [number, number];
  return `${groups.slice(0, start).join(":")}::${groups.slice(start + length).join(":")}`;
}

function formatNetwork(network: Network): string {
  return `${formatAddress(network.base, network.bits)}/${network.prefix}`;
}

function expand([cidr]: Value[]): Value {
  const network = networkOrFail(cidr as string);
  const size = 1n << BigInt(network.bits - network.prefix);
  if (size > 65536n) throw new BuiltinFailure("CIDR too large to expand");
  const result = new SetValue();
  for (let offset = 0n; offset < size; offset++) result.add(formatAddress(network.base + offset, network.bits));
  return result;
}

/** Merges adjacent and nested networks into the smallest covering list, as net.cidr_merge. */
function merge([addresses]: Value[]): Value {
  const networks = elements(addresses as Value).map((item) => {
    if (typeof item !== "string") throw new BuiltinFailure("net.cidr_merge: element must be string");
    if (!item.includes("/")) {
      // Go's net.IP.DefaultMask: an IPv4 address without a prefix takes its classful network (A /8, B /16, C /24);
      // IPv6 and class D/E addresses have none.
      const address = parseAddress(item);
      const first = address && address.bits === 32 ? Number(address.value >> 24n) : 255;
      const prefix = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : undefined;
      if (!address || prefix === undefined) throw new BuiltinFailure(`IPv${item.includes(":") ? 6 : 4} invalid: needs prefix length`);
      const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(32 - prefix);
      return { base: address.value & mask, prefix, bits: 32 };
    }
    const network = parseNetwork(item);
    if (!network) throw new BuiltinFailure(`IPv${item.includes(":") ? 6 : 4} invalid: needs prefix length`);
    return network;
  });
  const result = new SetValue();
  for (const bits of [32, 128]) for (const network of mergeFamily(networks.filter((item) => item.bits === bits))) result.add(formatNetwork(network));
  return result;
}

function mergeFamily(networks: Network[]): Network[] {
  const ranges = networks.map((network) => [network.base, last(network)] as [bigint, bigint]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && range[0] <= previous[1] + 1n) previous[1] = range[1] > previous[1] ? range[1] : previous[1];
    else merged.push([...range]);
  }
  const bits = networks[0]?.bits ?? 32;
  return merged.flatMap(([start, end]) => rangeToNetworks(start, end, bits));
}

function rangeToNetworks(start: bigint, end: bigint, bits: number): Network[] {
  const result: Network[] = [];
  let current = start;
  while (current <= end) {
    let size = 0;
    while (size < bits && (current & ((1n << BigInt(size + 1)) - 1n)) === 0n && current + (1n << BigInt(size + 1)) - 1n <= end) size++;
    result.push({ base: current, prefix: bits - size, bits });
    current += 1n << BigInt(size);
  }
  return result;
}

/** The [key, cidr] pairs of net.cidr_contains_matches' operands: strings, arrays whose first element is the CIDR, or collections. */
function entries(value: Value, position: number): [Value, string][] {
  if (typeof value === "string") return [[value, value]];
  const pairs: [Value, Value][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : value instanceof SetValue
      ? value.sorted().map((item) => [item, item])
      : (value as ObjectValue).sortedEntries();
  return pairs.map(([key, item]) => {
    if (typeof item === "string") return [key, item];
    if (Array.isArray(item) && typeof item[0] === "string") return [key, item[0]];
    throw new BuiltinFailure(`operand ${position}: element must be string or non-empty array`);
  });
}

function containsMatches([cidrs, addresses]: Value[]): Value {
  const result = new SetValue();
  const inner = entries(addresses as Value, 2).map(([key, text]) => [key, networkOrAddress(text)] as const);
  for (const [outerKey, text] of entries(cidrs as Value, 1)) {
    const outer = networkOrAddress(text);
    for (const [innerKey, network] of inner) if (contains(outer, network)) result.add([outerKey, innerKey]);
  }
  return result;
}

const collection = ["string", "array", "set", "object"] as const;

export const netBuiltins: Builtin[] = [
  { name: "net.cidr_contains", args: [T.string, T.string], result: T.boolean, implementation: ([cidr, inner]) => contains(networkOrFail(cidr as string), networkOrAddress(inner as string)) },
  { name: "net.cidr_intersects", args: [T.string, T.string], result: T.boolean, implementation: ([a, b]) => intersects(networkOrFail(a as string), networkOrFail(b as string)) },
  { name: "net.cidr_overlap", args: [T.string, T.string], result: T.boolean, implementation: ([cidr, inner]) => contains(networkOrFail(cidr as string), networkOrAddress(inner as string)) },
  { name: "net.cidr_expand", args: [T.string], result: T.set, implementation: expand },
  { name: "net.cidr_is_valid", args: [T.string], result: T.boolean, implementation: ([cidr]) => parseNetwork(cidr as string) !== undefined },
  { name: "net.cidr_merge", args: [T.arrayOrSet], result: T.set, implementation: merge },
  { name: "net.cidr_contains_matches", args: [[...collection], [...collection]], result: T.set, implementation: containsMatches },
];
