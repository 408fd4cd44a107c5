// Test helper: the RegoError a call throws (fails the test when it throws nothing or something else).
import { RegoError } from "../src/index.js";

export function regoErrorOf(run: () => unknown): RegoError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegoError) return error;
    throw error;
  }
  throw new Error("expected an error");
}
