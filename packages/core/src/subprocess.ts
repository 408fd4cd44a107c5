// Runs an external tool (git, kustomize, kubectl, helm) with a timeout, a memory cap and a cap on its output,
// keeping its output and stderr: a hostile repository can make a child slow or greedy, never the machine's problem.
import { spawn } from "node:child_process";

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the child wrote more than its output cap to stdout: it was killed and stdout is incomplete. */
  outputExceeded: boolean;
  /** Set when the program could not be started (ENOENT …). */
  spawnError: NodeJS.ErrnoException | null;
}

export const defaultToolTimeoutMs = 120_000;

const megabytes = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value * 1024 * 1024 : fallback * 1024 * 1024;
};

/** Address space a child may use (`ulimit -v`): MERGEGATE_CHILD_MEMORY_MB, default 2048. */
export const childMemoryBytes = (): number => megabytes("MERGEGATE_CHILD_MEMORY_MB", 2048);
/** Bytes of stdout a child may write: MERGEGATE_CHILD_OUTPUT_MB, default 256. */
export const childOutputBytes = (): number => megabytes("MERGEGATE_CHILD_OUTPUT_MB", 256);
/** Bytes of stderr kept (the rest is dropped, the child is not stopped for it). */
const keptStderrBytes = 1024 * 1024;

/**
 * The environment of a renderer (kustomize, kubectl, helm): Go programs that run for a fraction of a second, whose
 * collector is tuned for that — GOGC=800 with a soft memory limit of half the child's cap (GOMEMLIMIT), unless set
 * already. A small build then hardly collects (`kubectl kustomize` of the example: 150 → 106 ms); a large one
 * collects as it nears the limit, well below the cap.
 */
export function rendererEnv(environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...environment, GOGC: environment["GOGC"] ?? "800", GOMEMLIMIT: environment["GOMEMLIMIT"] ?? `${Math.floor(childMemoryBytes() / 2 / 1024 / 1024)}MiB` };
}

/** The memory cap goes through `sh -c 'ulimit -v …; exec …'`, where a POSIX shell exists. */
const capMemory = process.platform !== "win32";
/** sh's exit status and message when `exec` cannot find the program. */
const notFound = /(^|: )(exec: )?[^:\n]*: (not found|No such file or directory)\s*$/;

export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; input?: string; env?: NodeJS.ProcessEnv; memoryBytes?: number; outputBytes?: number; signal?: AbortSignal } = {},
): Promise<ToolRun> {
  return new Promise((resolve) => {
    const memoryKilobytes = Math.floor((options.memoryBytes ?? childMemoryBytes()) / 1024);
    const [program, programArgs] = capMemory
      ? ["sh", ["-c", `ulimit -v ${memoryKilobytes} 2>/dev/null; exec "$0" "$@"`, command, ...args]]
      : [command, [...args]];
    const child = spawn(program, programArgs, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      // a run stopped by its signal ends as killed (code null), like one that timed out
      ...(options.signal === undefined ? {} : { signal: options.signal, killSignal: "SIGKILL" as const }),
    });
    const outputCap = options.outputBytes ?? childOutputBytes();
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let timedOut = false;
    let outputExceeded = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? defaultToolTimeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      if (outputExceeded) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > outputCap) {
        outputExceeded = true;
        child.kill("SIGKILL");
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderrBytes < keptStderrBytes) stderr.push(chunk.subarray(0, keptStderrBytes - stderrBytes));
      stderrBytes += chunk.length;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
    child.on("close", (code) => {
      clearTimeout(timer);
      const errorText = Buffer.concat(stderr).toString("utf8");
      if (capMemory && spawnError === null && code === 127 && notFound.test(errorText)) {
        spawnError = Object.assign(new Error(`spawn ${command} ENOENT`), { code: "ENOENT", errno: -2, syscall: `spawn ${command}`, path: command });
      }
      resolve({
        code,
        stdout: outputExceeded ? "" : Buffer.concat(stdout).toString("utf8"),
        stderr: errorText,
        timedOut,
        outputExceeded,
        spawnError,
      });
    });
  });
}
