import { KnownFragmentNamesRule, NoFragmentCyclesRule, validate, ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';

/**
 * `graphql-depth-limit`, run only on documents whose fragments all exist and never spread
 * themselves: it follows spreads blindly, so a cycle would overflow the stack. Such documents are
 * refused by GraphQL's own rules (`NoFragmentCycles`, `KnownFragmentNames`) in the same pass.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  const limit = depthLimit(maxDepth);
  return (context) => {
    const fragmentErrors = validate(context.getSchema(), context.getDocument(), [
      NoFragmentCyclesRule,
      KnownFragmentNamesRule,
    ]);
    return fragmentErrors.length > 0 ? {} : limit(context);
  };
}
