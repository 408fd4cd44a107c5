// Loads OPA bundles for Wasm evaluation: a bare policy.wasm, or bundle.tar.gz with /policy.wasm, /data.json and /.manifest.

import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { WasmPolicy } from "./policy.js";

export interface BundleContents {
  wasm: Uint8Array;
  data: unknown;
  manifest: Record<string, unknown> | undefined;
}

/** The regular files of a (ustar or GNU) tar archive, by path without a leading "./" or "/". */
export function readTar(archive: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (start: number, length: number) => Buffer.from(archive.subarray(start, start + length)).toString("utf8").replace(/\0.*$/s, "");
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= archive.length && archive[offset] !== 0) {
    const size = parseInt(text(offset + 124, 12).trim() || "0", 8);
    const type = text(offset + 156, 1);
    const prefix = text(offset + 345, 155);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    const name = longName ?? (prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100));
    longName = undefined;
    if (type === "L") longName = Buffer.from(body).toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0" || type === "") files.set(name.replace(/^\.?\//, ""), body);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

export function bundleContents(bytes: Uint8Array): BundleContents {
  if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) return { wasm: bytes, data: undefined, manifest: undefined };
  const files = readTar(gunzipSync(bytes));
  const wasm = files.get("policy.wasm");
  if (!wasm) throw new Error("bundle has no /policy.wasm (build it with `opa build -t wasm`)");
  const json = (path: string) => {
    const file = files.get(path);
    return file === undefined ? undefined : JSON.parse(Buffer.from(file).toString("utf8"));
  };
  return { wasm, data: json("data.json"), manifest: json(".manifest") };
}

/** Loads a policy.wasm or bundle.tar.gz from a path or from its bytes. */
export async function loadBundle(source: string | Uint8Array, options: { data?: unknown } = {}): Promise<WasmPolicy> {
  const contents = bundleContents(typeof source === "string" ? await readFile(source) : source);
  return WasmPolicy.load(contents.wasm, { data: options.data ?? contents.data });
}
