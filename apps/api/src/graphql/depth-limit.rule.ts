import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  KnownFragmentNamesRule,
  Kind,
  NoFragmentCyclesRule,
  SelectionSetNode,
  validate,
  ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';

/** Most fields an operation may hold once every fragment spread is replaced by its fragment. */
const MAX_EXPANDED_FIELDS = 5_000;

/**
 * `graphql-depth-limit`, run only on documents whose fragments all exist, never spread themselves
 * and expand to at most `maxExpandedFields` fields. It follows spreads blindly: a cycle would
 * overflow the stack, and fragments that spread others many times (ten spreads of ten spreads …)
 * would take exponential time on the one thread every request shares. Cycles and unknown
 * fragments are refused by GraphQL's own rules in the same pass; too large an expansion here.
 */
export function depthLimitRule(maxDepth: number, maxExpandedFields = MAX_EXPANDED_FIELDS): ValidationRule {
  const limit = depthLimit(maxDepth);
  return (context) => {
    const document = context.getDocument();
    const fragmentErrors = validate(context.getSchema(), document, [NoFragmentCyclesRule, KnownFragmentNamesRule]);
    if (fragmentErrors.length > 0) return {};
    const expanded = expandedFieldCount(document);
    if (expanded > maxExpandedFields) {
      // reported like every validation error (400, GRAPHQL_VALIDATION_FAILED)
      context.reportError(
        new GraphQLError(
          `The operation expands to more than ${maxExpandedFields} fields through its fragments: spread fewer fragments`,
        ),
      );
      return {};
    }
    return limit(context);
  };
}

/**
 * Fields of the largest operation with every spread expanded, counted in linear time (each
 * fragment's size once). Only for documents without fragment cycles or unknown fragments.
 */
function expandedFieldCount(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sizes = new Map<string, number>();
  const size = (selectionSet: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += 1 + size(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += size(selection.selectionSet);
      else total += fragmentSize(selection.name.value);
    }
    return total;
  };
  const fragmentSize = (name: string): number => {
    let known = sizes.get(name);
    if (known === undefined) {
      known = size(fragments.get(name)?.selectionSet);
      sizes.set(name, known);
    }
    return known;
  };
  let largest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) largest = Math.max(largest, size(definition.selectionSet));
  }
  return largest;
}
