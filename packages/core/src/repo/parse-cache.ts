// The parse cache: each YAML file's document values from an earlier run, keyed by a hash of its text, so a run reads
// and hashes the repository but parses only what changed. One pack per checked folder under
// $XDG_CACHE_HOME/mergegate/parsed, holding the entries of that folder's files from the last run that rewrote it: one
// that parsed more than a few files anew, or no longer used a quarter of the entries (a run that parsed one changed
// file of a large repository leaves the pack as it is: parsing that file again costs less than copying the pack).
// Each entry also holds the documents' identities (identities.ts), so environment detection reads the values of the
// files holding GitOps objects only, and their outlines (outline.ts), so locating in an unchanged file needs no parse.
// Only files that parsed without any error and whose values JSON keeps exactly are cached; the others parse every run.
// No pack is ever held whole (it is larger than the repository): the earlier one is read in chunks, each entry's values
// kept as JSON text until used and its outlines left in the file, read back when a finding is located in that file;
// the next one is written entry by entry, and fresh entries' outlines are read back from it the same way.
import * as crypto from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { openAtomically, type AtomicFile } from "../fs-atomic.js";
import { folderCacheFile } from "../schemas/cache.js";
import { version } from "../version.js";

/** Bumped whenever what an entry holds, or how YAML is read into values, changes. */
const packFormat = 3;

/**
 * A cached file: its documents' identities and values as UTF-8 JSON (parsed when first used), and a reader of its
 * outlines as JSON. The JSON is bytes, outside the JS heap: the whole pack's of it is live while the repository loads,
 * and V8 sizes the old generation after that by what is live (held as strings, it cost 35 MiB of peak at 60k resources).
 */
export interface CachedParse {
  identities: string;
  values: Buffer;
  /** Null when the pack no longer holds the entry (another run replaced it since): the file is then parsed to locate. */
  outlines: () => string | null;
}

export interface ParseCache {
  /** The key of a text. */
  keyOf(text: string): string;
  /** The entry for a key from an earlier run, or undefined. */
  lookup(key: string): CachedParse | undefined;
  /**
   * Writes the identities, values and outlines of a freshly parsed text into the next pack, when JSON holds the values
   * exactly; returns the reader of its outlines (they can be read once the pack is saved), else null.
   */
  remember(key: string, identities: readonly unknown[], values: readonly unknown[], outlines: () => readonly unknown[]): (() => string | null) | null;
  /** Puts the next pack in place when this run parsed something new or no longer uses some entries; a pack that cannot be written is not an error. */
  save(): void;
  /** Drops a next pack that was not saved (a load that failed). */
  close(): void;
}

/** Where an entry's line lies in a pack file, in bytes. */
interface LineSpan {
  offset: number;
  /** Without the newline. */
  length: number;
  /** Where the outlines start, from the line's start. */
  outlines: number;
}

/** Where an entry is: in the earlier pack, then in the next one once written there (its outlines reader follows it). */
interface Place {
  span: LineSpan;
}

interface EarlierEntry {
  identities: string;
  values: Buffer;
  place: Place;
}

/** `MERGEGATE_PARSE_CACHE=off` turns the cache off (for measuring). */
export function parseCacheEnabled(): boolean {
  return process.env["MERGEGATE_PARSE_CACHE"] !== "off";
}

/** A text's sha1 in base64: Node's one-shot `hash` (20.12 on) spares making a Hash object for every file of the repository. */
const sha1: (text: string) => string =
  typeof crypto.hash === "function" ? (text) => crypto.hash("sha1", text, "base64") : (text) => crypto.createHash("sha1").update(text).digest("base64");

/** A run that parsed at most this many files anew may leave the pack as it is: they are parsed again next run. */
const freshWithoutRewrite = 8;
/** …and only when the pack holds this many times as many entries the run used: a rewrite copies all of them. */
const reusedPerFresh = 64;

/** A fresh entry not written (yet): its outlines are kept in memory for this run. */
interface Pending {
  identities: string;
  values: string;
  outlines: string;
}

export function openParseCache(root: string): ParseCache {
  const file = packPath(root);
  const earlier = readPack(file);
  const used = new Map<string, Place | Pending>();
  let reused = 0;
  let pending = 0;
  // The next pack is written as entries are used, from the first change on that is not one of a few fresh entries
  // kept back (a run that changes nothing, or one line of a large repository, writes nothing), so that no run holds
  // the entries of the whole folder in memory.
  let next: NextPack | null = null;
  let failed = false;
  const writing = <T>(write: (pack: NextPack) => T): T | null => {
    if (failed) return null;
    try {
      if (next === null) {
        const pack = new NextPack(file);
        next = pack;
        for (const [key, entry] of used) {
          if (isPlace(entry)) pack.copy(key, entry);
          else pack.append(key, entry.identities, entry.values, entry.outlines);
        }
      }
      return write(next);
    } catch {
      // the next run parses again
      next?.abandon();
      next = null;
      failed = true;
      return null;
    }
  };
  return {
    keyOf: sha1,
    lookup(key) {
      const entry = earlier.get(key);
      if (entry === undefined) return undefined;
      if (!used.has(key)) {
        used.set(key, entry.place);
        reused++;
        if (next !== null) writing((pack) => pack.copy(key, entry.place));
      }
      return { identities: entry.identities, values: entry.values, outlines: outlinesReader(file, key, entry.place) };
    },
    remember(key, identities, values, outlines) {
      const known = used.get(key); // the same text twice in this run
      if (known !== undefined) return isPlace(known) ? outlinesReader(file, key, known) : pendingReader(known);
      const json = exactJson(values);
      if (json === null) return null;
      const entry: Pending = { identities: JSON.stringify(identities), values: json, outlines: JSON.stringify(outlines()) };
      if (next === null && !failed && pending < freshWithoutRewrite) {
        pending++;
        used.set(key, entry);
        return pendingReader(entry);
      }
      const place = writing((pack) => pack.append(key, entry.identities, entry.values, entry.outlines));
      if (place === null) return null;
      used.set(key, place);
      return outlinesReader(file, key, place);
    },
    save() {
      // kept as it is when the fresh entries are few (cheaper to parse again than to copy the pack for) and at most a
      // quarter of the pack went unused (so stale entries never grow it past a third of the live ones)
      const unused = earlier.size - reused;
      if (next === null && pending <= Math.min(freshWithoutRewrite, Math.floor(reused / reusedPerFresh)) && unused * 4 <= earlier.size) return;
      writing((pack) => pack.commit());
      next = null;
    },
    close() {
      next?.abandon();
      next = null;
    },
  };
}

function isPlace(entry: Place | Pending): entry is Place {
  return "span" in entry;
}

/**
 * The pack being written: the header, then each used entry; those of the earlier pack are copied from it byte for
 * byte. Entries used in path order lie one after the other in the earlier pack (it was written in that order), so
 * copies are gathered into runs of adjacent lines and each run is read with one call, not one call per entry.
 */
class NextPack {
  readonly #out: AtomicFile;
  readonly #earlier: number | null;
  /** Adjacent earlier entries waiting to be copied, and where their run ends in the earlier pack. */
  #run: { key: string; place: Place }[] = [];
  #runEnd = 0;

  constructor(file: string) {
    this.#earlier = openEarlier(file);
    try {
      this.#out = openAtomically(file);
      this.#out.append(`${header()}\n`);
    } catch (error) {
      this.#closeEarlier();
      throw error;
    }
  }

  /** Copies an earlier entry, and moves its place to the copy; an entry the earlier pack lost since it was read is left out. */
  copy(key: string, place: Place): void {
    if (this.#earlier === null) return;
    const first = this.#run[0];
    if (first !== undefined && (place.span.offset !== this.#runEnd || this.#runEnd - first.place.span.offset + place.span.length >= packChunk)) this.#flush();
    this.#run.push({ key, place });
    this.#runEnd = place.span.offset + place.span.length + 1;
  }

  append(key: string, identities: string, values: string, outlines: string): Place {
    this.#flush();
    const head = Buffer.from(`${key}\t${identities}\t${values}\t`);
    const tail = Buffer.from(`${outlines}\n`);
    const place = { span: { offset: this.#out.size, length: head.length + tail.length - 1, outlines: head.length } };
    this.#out.append(head);
    this.#out.append(tail);
    return place;
  }

  commit(): void {
    this.#flush();
    this.#closeEarlier();
    this.#out.commit();
  }

  abandon(): void {
    this.#run = [];
    this.#closeEarlier();
    this.#out.abandon();
  }

  /** Copies the waiting run: one read, then each line checked as lineAt checks it and written where the copy goes. */
  #flush(): void {
    const run = this.#run;
    const first = run[0];
    if (first === undefined || this.#earlier === null) return;
    this.#run = [];
    const start = first.place.span.offset;
    const bytes = readAt(this.#earlier, start, this.#runEnd - start);
    for (const { key, place } of run) {
      const line = bytes === null ? null : intactLine(bytes.subarray(place.span.offset - start, place.span.offset - start + place.span.length + 1), key, place.span);
      if (line === null) continue;
      place.span = { ...place.span, offset: this.#out.size };
      this.#out.append(line);
    }
  }

  #closeEarlier(): void {
    if (this.#earlier !== null) closeSync(this.#earlier);
  }
}

/** Made outside openParseCache: a closure there would keep the whole earlier pack's entries alive with the file. */
function outlinesReader(file: string, key: string, place: Place): () => string | null {
  return () => readOutlines(file, key, place.span);
}

function pendingReader(entry: Pending): () => string {
  return () => entry.outlines;
}

function header(): string {
  return `mergegate-parsed ${packFormat} ${version}`;
}

function packPath(root: string): string {
  return folderCacheFile("parsed", root, "pack");
}

function openEarlier(file: string): number | null {
  try {
    return openSync(file, "r");
  } catch {
    return null;
  }
}

/** The bytes read per call when reading a pack; a longer line grows the buffer. */
const packChunk = 1 << 20;

/** key → entry: `key TAB identities TAB values TAB outlines` (JSON holds no raw tab or newline); an absent, unreadable or older pack is empty. */
function readPack(file: string): Map<string, EarlierEntry> {
  const entries = new Map<string, EarlierEntry>();
  const fd = openEarlier(file);
  if (fd === null) return entries;
  try {
    let first = true;
    forEachLine(fd, (line, offset) => {
      if (first) {
        first = false;
        return line.toString("utf8") === header();
      }
      const tab = line.indexOf(9);
      const second = line.indexOf(9, tab + 1);
      const third = line.indexOf(9, second + 1);
      if (tab > 0 && second > tab && third > second) {
        // copied: no entry keeps the chunk it was read from
        const place = { span: { offset, length: line.length, outlines: third + 1 } };
        entries.set(line.toString("latin1", 0, tab), { identities: line.toString("utf8", tab + 1, second), values: Buffer.from(line.subarray(second + 1, third)), place });
      }
      return true;
    });
  } catch {
    entries.clear();
  } finally {
    closeSync(fd);
  }
  return entries;
}

/** Calls `each` with every complete line of the file (without its newline) and its offset, until it returns false. */
function forEachLine(fd: number, each: (line: Buffer, offset: number) => boolean): void {
  let chunk = Buffer.allocUnsafe(packChunk);
  let kept = 0; // the bytes of an incomplete line at the chunk's start
  let position = 0; // the file offset of the chunk's start
  for (;;) {
    if (kept === chunk.length) {
      const larger = Buffer.allocUnsafe(chunk.length * 2);
      chunk.copy(larger, 0, 0, kept);
      chunk = larger;
    }
    const read = readSync(fd, chunk, kept, chunk.length - kept, position + kept);
    const view = chunk.subarray(0, kept + read);
    let start = 0;
    for (let newline = view.indexOf(10, start); newline !== -1; newline = view.indexOf(10, start)) {
      if (!each(view.subarray(start, newline), position + start)) return;
      start = newline + 1;
    }
    // the writer ends every line with a newline: bytes after the last one are a pack cut short, and ignored
    if (read === 0) return;
    chunk.copy(chunk, 0, start, view.length);
    kept = view.length - start;
    position += start;
  }
}

/** An entry's outlines, read from the pack; null when the line there is no longer this entry's. */
function readOutlines(file: string, key: string, span: LineSpan): string | null {
  const fd = openEarlier(file);
  if (fd === null) return null;
  try {
    return lineAt(fd, key, span)?.toString("utf8", span.outlines, span.length) ?? null;
  } finally {
    closeSync(fd);
  }
}

/** The entry's line with its newline, when the pack still holds it at the same place. */
function lineAt(fd: number, key: string, span: LineSpan): Buffer | null {
  const line = readAt(fd, span.offset, span.length + 1);
  return line === null ? null : intactLine(line, key, span);
}

/** Up to `length` bytes of the file from `offset` (fewer where it ends); null when it cannot be read. */
function readAt(fd: number, offset: number, length: number): Buffer | null {
  const bytes = Buffer.allocUnsafe(length);
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, length, offset));
  } catch {
    return null;
  }
}

/** The bytes read where an entry's line was, when they still are that entry's line (the key, its tabs, the newline). */
function intactLine(line: Buffer, key: string, span: LineSpan): Buffer | null {
  const intact = line.length === span.length + 1 && line[span.length] === 10 && line[span.outlines - 1] === 9 && line.toString("latin1", 0, key.length + 1) === `${key}\t`;
  return intact ? line : null;
}

/** The values as JSON when JSON.parse gives them back exactly (no NaN, Infinity, -0, binary, Map, Set or __proto__ key), else null. */
export function exactJson(values: readonly unknown[]): string | null {
  const exact = (value: unknown, depth: number): boolean => {
    if (depth > 1000) return false;
    if (value === null || typeof value === "string" || typeof value === "boolean") return true;
    if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
    if (Array.isArray(value)) return value.every((item) => exact(item, depth + 1));
    if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
    for (const key of Object.keys(value)) if (key === "__proto__" || !exact((value as Record<string, unknown>)[key], depth + 1)) return false;
    return true;
  };
  if (!values.every((value) => exact(value, 0))) return null;
  try {
    return JSON.stringify(values);
  } catch {
    return null;
  }
}
