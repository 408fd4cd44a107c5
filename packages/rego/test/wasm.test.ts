// The OPA-Wasm adapter against a small module implementing OPA's Wasm ABI 1.1, assembled here from WAT with wabt.
import { gzipSync } from "node:zlib";
import wabtFactory from "wabt";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleContents, loadBundle, WasmPolicy } from "../src/index.js";

/**
 * Values are NUL-terminated JSON texts. Entrypoint 0 ("example/parsed") returns the delegated builtin
 * units.parse applied to the input; entrypoint 1 ("example/data") returns the data document.
 */
const wat = `(module
  (import "env" "memory" (memory 2))
  (import "env" "opa_builtin1" (func $builtin1 (param i32 i32 i32) (result i32)))
  (global $heap (mut i32) (i32.const 4096))
  (global (export "opa_wasm_abi_version") i32 (i32.const 1))
  (global (export "opa_wasm_abi_minor_version") i32 (i32.const 1))
  (data (i32.const 16) "{\\"units.parse\\":0}\\00")
  (data (i32.const 64) "{\\"example/parsed\\":0,\\"example/data\\":1}\\00")
  (data (i32.const 128) "[{\\"result\\":\\00")
  (data (i32.const 160) "}]\\00")
  (func $malloc (export "opa_malloc") (param $size i32) (result i32)
    (local $address i32)
    (local.set $address (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (i32.add (local.get $size) (i32.const 1))))
    (local.get $address))
  (func (export "opa_free") (param i32))
  (func (export "opa_heap_ptr_get") (result i32) (global.get $heap))
  (func (export "opa_heap_ptr_set") (param i32) (global.set $heap (local.get 0)))
  (func $length (param $address i32) (result i32)
    (local $end i32)
    (local.set $end (local.get $address))
    (block $done (loop $scan
      (br_if $done (i32.eqz (i32.load8_u (local.get $end))))
      (local.set $end (i32.add (local.get $end) (i32.const 1)))
      (br $scan)))
    (i32.sub (local.get $end) (local.get $address)))
  (func $append (param $target i32) (param $source i32) (result i32)
    (local $size i32)
    (local.set $size (call $length (local.get $source)))
    (memory.copy (local.get $target) (local.get $source) (local.get $size))
    (i32.add (local.get $target) (local.get $size)))
  (func (export "opa_json_parse") (param $address i32) (param $size i32) (result i32)
    (local $copy i32)
    (local.set $copy (call $malloc (local.get $size)))
    (memory.copy (local.get $copy) (local.get $address) (local.get $size))
    (i32.store8 (i32.add (local.get $copy) (local.get $size)) (i32.const 0))
    (local.get $copy))
  (func (export "opa_json_dump") (param $value i32) (result i32) (local.get $value))
  (func (export "builtins") (result i32) (i32.const 16))
  (func (export "entrypoints") (result i32) (i32.const 64))
  (func (export "opa_eval_ctx_new") (result i32) (call $malloc (i32.const 16)))
  (func (export "opa_eval_ctx_set_input") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "opa_eval_ctx_set_data") (param i32 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
  (func (export "opa_eval_ctx_set_entrypoint") (param i32 i32) (i32.store offset=8 (local.get 0) (local.get 1)))
  (func (export "opa_eval_ctx_get_result") (param i32) (result i32) (i32.load offset=12 (local.get 0)))
  (func (export "eval") (param $context i32) (result i32)
    (local $value i32) (local $result i32) (local $end i32)
    (local.set $value
      (if (result i32) (i32.eqz (i32.load offset=8 (local.get $context)))
        (then (call $builtin1 (i32.const 0) (i32.const 0) (i32.load (local.get $context))))
        (else (i32.load offset=4 (local.get $context)))))
    (local.set $result (call $malloc (i32.add (call $length (local.get $value)) (i32.const 16))))
    (local.set $end (call $append (local.get $result) (i32.const 128)))
    (local.set $end (call $append (local.get $end) (local.get $value)))
    (local.set $end (call $append (local.get $end) (i32.const 160)))
    (i32.store8 (local.get $end) (i32.const 0))
    (i32.store offset=12 (local.get $context) (local.get $result))
    (i32.const 0)))`;

/** A ustar archive of the given files. */
function tar(files: Record<string, string | Uint8Array>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write("0000644\0", 100);
    header.write(body.length.toString(8).padStart(11, "0") + "\0", 124);
    header.write("0", 156);
    header.write("ustar\0" + "00", 257);
    header.write("        ", 148);
    const checksum = header.reduce((total, byte) => total + byte, 0);
    header.write(checksum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

let wasm: Uint8Array;

beforeAll(async () => {
  const wabt = await wabtFactory();
  const module = wabt.parseWat("abi.wat", wat, { bulk_memory: true });
  wasm = module.toBinary({}).buffer;
  module.destroy();
});

describe("WasmPolicy over OPA's Wasm ABI", () => {
  it("lists the module's entrypoints", async () => {
    const policy = await WasmPolicy.load(wasm);
    expect(policy.entrypoints).toEqual({ "example/parsed": 0, "example/data": 1 });
  });

  it("serves builtins the SDK delegates to JavaScript from mergegate's registry", async () => {
    const policy = await WasmPolicy.load(wasm);
    expect(policy.evaluate("2Ki", "example/parsed")).toEqual([2048]);
    expect(policy.evalRef("data.example.parsed", "1.5k")).toBe(1500);
  });

  it("passes data to the module and replaces it with setData", async () => {
    const policy = await WasmPolicy.load(wasm, { data: { team: "platform" } });
    expect(policy.evalRef("data.example.data")).toEqual({ team: "platform" });
    policy.setData({ team: "security" });
    expect(policy.evaluate(undefined, 1)).toEqual([{ team: "security" }]);
  });

  it("rejects an unknown entrypoint with the ones available", async () => {
    const policy = await WasmPolicy.load(wasm);
    expect(() => policy.evaluate({}, "example/missing")).toThrow(/unknown entrypoint example\/missing; the module has example\/parsed, example\/data/);
  });

  it("loads bundle.tar.gz with its policy.wasm, data.json and .manifest", async () => {
    const bundle = gzipSync(tar({ "/policy.wasm": wasm, "/data.json": JSON.stringify({ region: "eu" }), "/.manifest": JSON.stringify({ revision: "r1" }) }));
    expect(bundleContents(bundle).manifest).toEqual({ revision: "r1" });
    const policy = await loadBundle(bundle);
    expect(policy.evalRef("data.example.data")).toEqual({ region: "eu" });
  });

  it("refuses a bundle without policy.wasm", () => {
    expect(() => bundleContents(gzipSync(tar({ "/data.json": "{}" })))).toThrow(/no \/policy.wasm/);
  });
});
