import type { CombinedError } from 'urql';

/**
 * The API's validation problems by field: `extensions.fields` paths such as `input.name` become
 * `name`, so a form shows each message beside its own input.
 */
export function fieldErrors(error: CombinedError | undefined | null): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const fields = graphQLError.extensions?.fields as
      { path?: string; field?: string; message?: string }[] | undefined;
    for (const field of fields ?? []) {
      const key = (field.path ?? field.field ?? '')
        .split('.')
        .filter((part) => !/^\d+$/.test(part))
        .pop();
      if (key && field.message && !problems[key]) problems[key] = field.message;
    }
  }
  return problems;
}

/**
 * A form's problems: the API's by field, then the form's own checks (`local`), and the error no
 * field explains, for the form's footer.
 */
export function formProblems(
  error: CombinedError | undefined | null,
  local: Record<string, string> = {},
): { errors: Record<string, string>; unexplained: CombinedError | null } {
  const byField = fieldErrors(error);
  return {
    errors: { ...byField, ...local },
    unexplained: error && !Object.keys(byField).length ? error : null,
  };
}
