// Compiled OPA-Wasm policies behind the interpreter's evaluation interface: entrypoints, data, evalRef.

import { createRequire } from "node:module";
import type { JSONValue } from "../values.js";
import { delegatedBuiltins } from "./builtins.js";

interface LoadedPolicy {
  entrypoints: Record<string, number>;
  evaluate(input: unknown, entrypoint?: number | string): { result: JSONValue }[];
  setData(data: unknown): void;
}

type LoadPolicy = (wasm: Uint8Array, memory?: { initial: number }, builtins?: Record<string, unknown>) => Promise<LoadedPolicy>;

const require = createRequire(import.meta.url);
let loadPolicy: LoadPolicy | null = null;

/** opa-wasm is loaded by the first Wasm policy, not at start-up: most checks run no compiled bundle. */
function opaWasm(): LoadPolicy {
  loadPolicy ??= (require("@open-policy-agent/opa-wasm") as { loadPolicy: LoadPolicy }).loadPolicy;
  return loadPolicy;
}

export interface WasmPolicyOptions {
  /** Base documents under `data`. */
  data?: unknown;
  /** Initial memory pages (64 KiB each). */
  initialMemoryPages?: number;
}

export class WasmPolicy {
  private constructor(private readonly loaded: LoadedPolicy) {}

  /** Instantiates a policy.wasm module; builtins it does not implement itself are served by mergegate's registry. */
  static async load(wasm: Uint8Array, options: WasmPolicyOptions = {}): Promise<WasmPolicy> {
    const loaded = await opaWasm()(wasm, { initial: options.initialMemoryPages ?? 5 }, delegatedBuiltins());
    if (options.data !== undefined) loaded.setData(options.data);
    return new WasmPolicy(loaded);
  }

  /** Entrypoint names ("example/allow") mapped to their numeric ids. */
  get entrypoints(): Record<string, number> {
    return { ...this.loaded.entrypoints };
  }

  setData(data: unknown): void {
    this.loaded.setData(data);
  }

  /** Evaluates one entrypoint (name or id; the first by default) and returns its result set. */
  evaluate(input?: unknown, entrypoint: string | number = 0): JSONValue[] {
    if (typeof entrypoint === "string" && !(entrypoint in this.loaded.entrypoints)) {
      throw new Error(`unknown entrypoint ${entrypoint}; the module has ${Object.keys(this.loaded.entrypoints).join(", ") || "none"}`);
    }
    return this.loaded.evaluate(input, entrypoint).map((row) => row.result);
  }

  /** The value of a dotted data reference (`data.example.allow`) as Policy.evalRef returns it, or undefined. */
  evalRef(ref: string, input?: unknown): JSONValue | undefined {
    const entrypoint = ref.replace(/^data\./, "").split(".").join("/");
    return this.evaluate(input, entrypoint)[0];
  }
}
