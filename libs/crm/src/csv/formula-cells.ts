/** What a spreadsheet reads as the start of a formula (OWASP, CSV injection), after any quotes. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A text cell as exported: one a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1 555`,
 * `@SUM(…)`) gets a leading single quote, so it is shown as text.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as imported: the quote `neutraliseFormula` added is taken off again, so exports round-trip. */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
