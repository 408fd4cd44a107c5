// Time builtins over int64 nanoseconds: now_ns, parse_ns (Go layouts), parse_rfc3339_ns, parse_duration_ns, date, clock, weekday, add_date, diff, format.

import { normalizeInteger, plainNumber, type RegoNumber, type Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

const minimum = -(2n ** 63n);
const maximum = 2n ** 63n - 1n;
const million = 1_000_000n;

/** Broken-down wall-clock time in a zone. */
interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  weekday: number;
  /** Offset from UTC in seconds. */
  offset: number;
  zone: string;
}

function inRange(ns: bigint): Value {
  if (ns < minimum || ns > maximum) throw new BuiltinFailure("time outside of valid range");
  return normalizeInteger(ns);
}

function nanoseconds(value: Value): bigint {
  let plain = plainNumber(value as RegoNumber);
  if (typeof plain === "number" && !Number.isInteger(plain)) plain = Math.trunc(plain);
  const ns = BigInt(plain);
  if (ns < minimum || ns > maximum) throw new BuiltinFailure("timestamp too big");
  return ns;
}

/** The instant and zone of a time operand: ns, [ns, tz] or [ns, tz, layout]. */
function operand(value: Value): { ns: bigint; zone: string; layout: string | undefined } {
  if (Array.isArray(value)) return { ns: nanoseconds(value[0] as Value), zone: (value[1] as string | undefined) ?? "UTC", layout: value[2] as string | undefined };
  return { ns: nanoseconds(value), zone: "UTC", layout: undefined };
}

function offsetSeconds(milliseconds: number, zone: string): number {
  if (zone === "" || zone === "UTC") return 0;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone === "Local" ? undefined : zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  } catch {
    throw new BuiltinFailure(`unknown time zone ${zone}`);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(milliseconds)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - Math.floor(milliseconds / 1000) * 1000) / 1000);
}

export function civil(ns: bigint, zone: string): Civil {
  const milliseconds = Number(ns / million) - (ns % million < 0n ? 1 : 0);
  const nanosecond = Number(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n);
  const offset = offsetSeconds(milliseconds, zone);
  const date = new Date(milliseconds + offset * 1000);
  return {
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(), nanosecond,
    weekday: date.getUTCDay(), offset, zone: zone === "" ? "UTC" : zone,
  };
}

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const layouts: Record<string, string> = {
  ANSIC: "Mon Jan _2 15:04:05 2006", UnixDate: "Mon Jan _2 15:04:05 MST 2006", RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST", RFC822Z: "02 Jan 06 15:04 -0700", RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST", RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700", RFC3339: "2006-01-02T15:04:05Z07:00",
  RFC3339Nano: "2006-01-02T15:04:05.999999999Z07:00", Kitchen: "3:04PM", Stamp: "Jan _2 15:04:05", StampMilli: "Jan _2 15:04:05.000",
  StampMicro: "Jan _2 15:04:05.000000", StampNano: "Jan _2 15:04:05.000000000", DateTime: "2006-01-02 15:04:05", DateOnly: "2006-01-02", TimeOnly: "15:04:05",
};

const tokens = /January|Jan|Monday|Mon|2006|06|01|1(?![0-9])|02|_2|2(?![0-9])|15|03|3|04|4|05|5|PM|pm|MST|Z07:00|Z0700|Z07|-07:00|-0700|-07|[.,](?:0+|9+)/g;

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, "0");

function zoneText(offset: number, colon: boolean, short = false): string {
  const sign = offset < 0 ? "-" : "+";
  const hours = pad(Math.trunc(Math.abs(offset) / 3600));
  const minutes = pad(Math.trunc((Math.abs(offset) % 3600) / 60));
  return short ? sign + hours : sign + hours + (colon ? ":" : "") + minutes;
}

/** Go's Time.Format. */
export function formatTime(time: Civil, layout: string): string {
  return layout.replace(tokens, (token) => {
    switch (token) {
      case "January": return months[time.month - 1] as string;
      case "Jan": return (months[time.month - 1] as string).slice(0, 3);
      case "Monday": return weekdays[time.weekday] as string;
      case "Mon": return (weekdays[time.weekday] as string).slice(0, 3);
      case "2006": return pad(time.year, 4);
      case "06": return pad(time.year % 100);
      case "01": return pad(time.month);
      case "1": return String(time.month);
      case "02": return pad(time.day);
      case "_2": return String(time.day).padStart(2, " ");
      case "2": return String(time.day);
      case "15": return pad(time.hour);
      case "03": return pad(time.hour % 12 || 12);
      case "3": return String(time.hour % 12 || 12);
      case "04": return pad(time.minute);
      case "4": return String(time.minute);
      case "05": return pad(time.second);
      case "5": return String(time.second);
      case "PM": return time.hour >= 12 ? "PM" : "AM";
      case "pm": return time.hour >= 12 ? "pm" : "am";
      case "MST": return time.offset === 0 ? "UTC" : zoneText(time.offset, false, true);
      case "Z07:00": return time.offset === 0 ? "Z" : zoneText(time.offset, true);
      case "Z0700": return time.offset === 0 ? "Z" : zoneText(time.offset, false);
      case "Z07": return time.offset === 0 ? "Z" : zoneText(time.offset, false, true);
      case "-07:00": return zoneText(time.offset, true);
      case "-0700": return zoneText(time.offset, false);
      case "-07": return zoneText(time.offset, false, true);
    }
    const digits = String(time.nanosecond).padStart(9, "0").slice(0, token.length - 1);
    if (token[1] === "0") return token[0] + digits;
    const trimmed = digits.replace(/0+$/, "");
    return trimmed === "" ? "" : token[0] + trimmed;
  });
}

/** Go's time.Parse for the common layout elements. */
function parseTime(layout: string, text: string): bigint {
  const fields: string[] = [];
  const pattern = layout.replace(/[\\^$*+?()[\]{}|]/g, "\\$&").replace(tokens, (token) => {
    fields.push(token);
    if (/^[.,]/.test(token)) return "(?:[.,](\\d+))?";
    if (token === "Jan" || token === "Mon") return "([A-Za-z]{3})";
    if (token === "January" || token === "Monday") return "([A-Za-z]+)";
    if (token === "MST") return "([A-Z]{3,4}|[+-]\\d{2})";
    if (token.startsWith("Z") || token.startsWith("-")) return "(Z|[+-]\\d{2}(?::?\\d{2})?)";
    if (token === "PM" || token === "pm") return "([AaPp][Mm])";
    if (token === "2006") return "([+-]?\\d{4})";
    if (token === "_2") return " ?(\\d{1,2})";
    if (token === "05" || token === "5") {
      // Go: a fractional second may follow the seconds in the input even when the layout has none.
      fields.push(".fraction");
      return "(\\d{1,2})(?:[.,](\\d+))?";
    }
    return "(\\d{1,2})";
  });
  const match = new RegExp(`^${pattern}$`).exec(text);
  if (!match) throw new BuiltinFailure(`parsing time ${JSON.stringify(text)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(text)} as ${JSON.stringify(layout)}`);
  const parts = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0n, offset: 0, pm: undefined as boolean | undefined };
  fields.forEach((token, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    if (token === "2006") parts.year = Number(value);
    else if (token === "06") parts.year = Number(value) + (Number(value) >= 69 ? 1900 : 2000);
    else if (token === "01" || token === "1") parts.month = Number(value);
    else if (token === "Jan" || token === "January") parts.month = months.findIndex((name) => name.toLowerCase().startsWith(value.toLowerCase())) + 1;
    else if (["02", "_2", "2"].includes(token)) parts.day = Number(value);
    else if (["15", "03", "3"].includes(token)) parts.hour = Number(value);
    else if (token === "04" || token === "4") parts.minute = Number(value);
    else if (token === "05" || token === "5") parts.second = Number(value);
    else if (/^[.,]/.test(token)) parts.nanos = BigInt(value.padEnd(9, "0").slice(0, 9));
    else if (token === "PM" || token === "pm") parts.pm = value.toUpperCase() === "PM";
    else if (value !== "Z" && /^[+-]/.test(value)) {
      const digits = value.replace(":", "");
      parts.offset = (value[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5) || 0) * 60);
    }
  });
  if (parts.pm !== undefined) parts.hour = (parts.hour % 12) + (parts.pm ? 12 : 0);
  const utc = new Date(0);
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  utc.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return (BigInt(utc.getTime()) - BigInt(parts.offset * 1000)) * million + parts.nanos;
}

const durationUnits: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseDuration(text: string): bigint {
  const match = /^([+-]?)((?:\d*\.?\d+(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(text);
  if (!match) throw new BuiltinFailure(`time: invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const [, amount, unit] of (match[2] as string).matchAll(/(\d*\.?\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(amount) * (durationUnits[unit as string] as number);
  return BigInt(Math.round(total)) * (match[1] === "-" ? -1n : 1n);
}

function addDate([value, years, monthCount, days]: Value[]): Value {
  const { ns, zone } = operand(value as Value);
  const time = civil(ns, zone);
  const wall = Date.UTC(time.year + Number(years), time.month - 1 + Number(monthCount), time.day + Number(days), time.hour, time.minute, time.second);
  return inRange((BigInt(wall) - BigInt(time.offset * 1000)) * million + BigInt(time.nanosecond));
}

function diff([first, second]: Value[]): Value {
  let a = operand(first as Value);
  let b = operand(second as Value);
  if (a.ns > b.ns) [a, b] = [b, a];
  const from = civil(a.ns, a.zone);
  const to = civil(b.ns, b.zone);
  let [years, monthCount, days, hours, minutes, seconds] = [to.year - from.year, to.month - from.month, to.day - from.day, to.hour - from.hour, to.minute - from.minute, to.second - from.second];
  if (seconds < 0) (seconds += 60), minutes--;
  if (minutes < 0) (minutes += 60), hours--;
  if (hours < 0) (hours += 24), days--;
  if (days < 0) {
    days += new Date(Date.UTC(from.year, from.month, 0)).getUTCDate();
    monthCount--;
  }
  if (monthCount < 0) (monthCount += 12), years--;
  return [years, monthCount, days, hours, minutes, seconds];
}

function parseRFC3339(text: string): bigint {
  if (!/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text)) throw new BuiltinFailure(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  return parseTime("2006-01-02T15:04:05.999999999Z07:00", text.toUpperCase());
}

export const timeBuiltins: Builtin[] = [
  { name: "time.now_ns", args: [], result: T.number, implementation: (_args, context) => normalizeInteger(context.now()) },
  { name: "time.parse_ns", args: [T.string, T.string], result: T.number, implementation: ([layout, text]) => inRange(parseTime(layouts[layout as string] ?? (layout as string), text as string)) },
  { name: "time.parse_rfc3339_ns", args: [T.string], result: T.number, implementation: ([text]) => inRange(parseRFC3339(text as string)) },
  { name: "time.parse_duration_ns", args: [T.string], result: T.number, implementation: ([text]) => normalizeInteger(parseDuration(text as string)) },
  {
    name: "time.date",
    args: [["number", "array"]],
    result: T.array,
    implementation: ([value]) => {
      const { ns, zone } = operand(value as Value);
      const time = civil(ns, zone);
      return [time.year, time.month, time.day];
    },
  },
  {
    name: "time.clock",
    args: [["number", "array"]],
    result: T.array,
    implementation: ([value]) => {
      const { ns, zone } = operand(value as Value);
      const time = civil(ns, zone);
      return [time.hour, time.minute, time.second];
    },
  },
  { name: "time.weekday", args: [["number", "array"]], result: T.string, implementation: ([value]) => weekdays[civil(operand(value as Value).ns, operand(value as Value).zone).weekday] as string },
  { name: "time.add_date", args: [T.number, T.number, T.number, T.number], result: T.number, intOperands: [1, 2, 3], implementation: addDate },
  { name: "time.diff", args: [["number", "array"], ["number", "array"]], result: T.array, implementation: diff },
  {
    name: "time.format",
    args: [["number", "array"]],
    result: T.string,
    implementation: ([value]) => {
      const { ns, zone, layout } = operand(value as Value);
      return formatTime(civil(ns, zone), layouts[layout ?? "RFC3339Nano"] ?? (layout as string));
    },
  },
];
