// Argo Rollouts pause durations: whole seconds (10, "10") or a Go duration ("30s", "1h30m").

const goDuration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Why the duration is invalid, or null when Argo Rollouts accepts it. */
export function durationProblem(value: unknown): string | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? null : "must be a whole number of seconds ≥ 0";
  if (typeof value !== "string") return "must be seconds (10) or a duration string (\"30s\", \"5m\", \"1h\")";
  if (/^\d+$/.test(value) || goDuration.test(value)) return null;
  return `"${value}" is not a duration: use seconds (30) or a number with a unit (30s, 5m, 1h)`;
}
