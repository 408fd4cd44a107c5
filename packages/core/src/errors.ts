// A gate error: mergegate could not do its job (bad usage, invalid config, renderer missing). Exit code 2.

export class GateError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly file: string | null = null, readonly line: number | null = null) {
    super(message);
    this.name = "GateError";
  }

  /** One line: `file:line: message` when a place is known. */
  oneLine(): string {
    if (this.file === null) return this.message;
    return this.line === null ? `${this.file}: ${this.message}` : `${this.file}:${this.line}: ${this.message}`;
  }
}
