import { ApolloServerPlugin } from '@apollo/server';
import { daysBetween, ErrorCode } from '@greenlight/common';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

/** What one SQL statement costs: every root field runs at least one. */
const STATEMENT_COST = 10;
/** A field over a window of days reads rows for each day: one statement's cost per started week. */
const WINDOW_DAYS_PER_STATEMENT = 7;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Days of a field's window: `from`/`to` arguments or a `period: { from, to }`; none when absent or invalid. */
function windowDays(args: Record<string, unknown>): number | undefined {
  const period = (args.period ?? args) as { from?: unknown; to?: unknown };
  const { from, to } = period ?? {};
  if (typeof from !== 'string' || typeof to !== 'string' || !DAY.test(from) || !DAY.test(to)) return undefined;
  const days = daysBetween(from, to) + 1;
  return Number.isFinite(days) && days > 0 ? days : undefined;
}

/**
 * The estimated cost of a field, reflecting the SQL behind it:
 * - a root field runs at least one statement: STATEMENT_COST instead of 1;
 * - a field over a window of days (usage summaries, dashboards) reads rows for every day of it:
 *   one more statement's cost per started week of the window;
 * - a list field that takes a page (`first`/`last`, or `limit`) costs its children once per row.
 */
export const databaseCostEstimator =
  (schema: GraphQLSchema, defaultPageSize: number): ComplexityEstimator =>
  ({ type, field, args, childComplexity }) => {
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    const days = windowDays(args);
    const own =
      (root ? STATEMENT_COST : 1) +
      (days === undefined ? 0 : STATEMENT_COST * Math.ceil(days / WINDOW_DAYS_PER_STATEMENT));
    const takesPage = field.args.some((arg) => ['first', 'last', 'limit'].includes(arg.name));
    const rows = takesPage ? Math.max(1, Number(args.first ?? args.last ?? args.limit ?? defaultPageSize)) : 1;
    return own + rows * childComplexity;
  };

/** Fields an operation selects at its root, aliases counted apart, through fragments. */
export function rootFieldCount(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number {
  const count = (selectionSet: SelectionSetNode, seen: Set<string>): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (selection.name.value === '__typename' ? 0 : 1);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, seen);
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) return total;
      return total + count(fragment.selectionSet, new Set([...seen, name]));
    }, 0);
  return count(operation.selectionSet, new Set());
}

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions, http: { status: 400 } },
  });
}

interface QueryLimits {
  /** Highest estimated cost accepted. */
  maxComplexity: number;
  /** Most root fields (aliases included) one operation may select. */
  maxRootFields: number;
  /** Page size assumed for a list field asked without one. */
  defaultPageSize?: number;
}

/**
 * Refuses, before any resolver runs, an operation that selects more than `maxRootFields` root
 * fields (each runs its own SQL, in parallel) or whose estimated cost is above `maxComplexity`:
 * wide queries, long windows and deep page-within-page queries all add up.
 */
export function queryLimitsPlugin({ maxComplexity, maxRootFields, defaultPageSize = 20 }: QueryLimits): ApolloServerPlugin {
  /**
   * The cost of operations that take no variables, by document (Apollo hands the same parsed
   * document for the same text) and operation name: it cannot change from one request to the next.
   */
  const constantCosts = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const fragments = Object.fromEntries(
            document.definitions
              .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const rootFields = operation ? rootFieldCount(operation, fragments) : 0;
          if (rootFields > maxRootFields) {
            throw tooComplex(
              `Query selects ${rootFields} root fields (aliases included); at most ${maxRootFields} are allowed. Split it into several requests.`,
              { rootFields, maxRootFields },
            );
          }
          const constant = !operation?.variableDefinitions?.length;
          const name = request.operationName ?? '';
          let complexity = constant ? constantCosts.get(document)?.get(name) : undefined;
          if (complexity === undefined) {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables,
              estimators: [databaseCostEstimator(schema, defaultPageSize)],
            });
            if (constant) {
              let byName = constantCosts.get(document);
              if (!byName) constantCosts.set(document, (byName = new Map()));
              byName.set(name, complexity);
            }
          }
          if (complexity > maxComplexity) {
            throw tooComplex(
              `Query is too complex: its cost is ${complexity}, the maximum is ${maxComplexity}. Ask for fewer fields, shorter periods or smaller pages.`,
              { complexity, maximum: maxComplexity },
            );
          }
        },
      };
    },
  };
}
