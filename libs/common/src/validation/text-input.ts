import { FieldError } from '../errors/error-codes';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What a text value may not contain anywhere in the input: NUL, which PostgreSQL cannot store, and
 * unpaired UTF-16 surrogates, which are not Unicode text (JSON columns refuse them, other columns
 * would silently turn them into U+FFFD).
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text))
    return 'must be valid Unicode text (it contains an unpaired UTF-16 surrogate)';
  return undefined;
}

const MAX_DEPTH = 32;

/**
 * Every string of an input value (object keys included) that breaks the text rule, with its dotted
 * path. Walks arrays and plain objects only; anything deeper than `MAX_DEPTH` is reported.
 */
export function textInputErrors(value: unknown, path: string, depth = 0): FieldError[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ path: path || 'input', message: `${path || 'input'} ${problem}` }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (depth > MAX_DEPTH) return [{ path, message: `${path} is nested too deeply` }];
  if (Array.isArray(value))
    return value.flatMap((item, index) => textInputErrors(item, at(index), depth + 1));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const problem = textProblem(key);
    const keyError = problem
      ? [{ path: path || 'input', message: `${path || 'input'} has a key that ${problem}` }]
      : [];
    return [...keyError, ...textInputErrors(item, problem ? path : at(key), depth + 1)];
  });
}
