/** Positional parameters of one SQL statement: `add` returns the placeholder (`$3`) of a value. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
