// Bounded evaluation: counts steps and checks the wall clock so a policy cannot run forever.

import { LimitError } from "../errors.js";

export interface Limits {
  maxSteps: number;
  timeoutMs: number;
}

export const defaultLimits: Limits = { maxSteps: 1_000_000, timeoutMs: 1000 };

/** Deepest nesting of rule and function evaluations before evaluation stops. */
export const maxCallDepth = 400;

/** Runs a piece of evaluation, turning a JavaScript stack overflow (very deep values or nesting) into eval_limit_error. */
export function withStackGuard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw new LimitError("evaluation exceeded the maximum nesting depth");
    throw error;
  }
}

export class Budget {
  private steps = 0;
  private readonly deadline: number;

  constructor(private readonly limits: Limits) {
    this.deadline = Date.now() + limits.timeoutMs;
  }

  /** Throws when the evaluation is past its deadline (for builtins doing long work in one step). */
  checkTime(): void {
    if (Date.now() > this.deadline) throw new LimitError(`evaluation exceeded the time limit (${this.limits.timeoutMs} ms)`);
  }

  step(count = 1): void {
    const before = this.steps;
    this.steps += count;
    if (this.steps > this.limits.maxSteps) throw new LimitError(`evaluation exceeded the step limit (${this.limits.maxSteps} steps)`);
    if ((before >> 10) !== (this.steps >> 10) && Date.now() > this.deadline) {
      throw new LimitError(`evaluation exceeded the time limit (${this.limits.timeoutMs} ms)`);
    }
  }
}
