import { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@greenlight/common';
import { GraphQLError } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** A list field costs its children times the page it asks for (`first`/`last`, or `limit`). */
export const pageSizeEstimator =
  (defaultPageSize: number): ComplexityEstimator =>
  ({ args, childComplexity, field }) => {
    const takesPage = field.args.some((arg) => ['first', 'last', 'limit'].includes(arg.name));
    if (!takesPage) return undefined;
    const size = Number(args.first ?? args.last ?? args.limit ?? defaultPageSize);
    return 1 + Math.max(1, size) * childComplexity;
  };

/**
 * Refuses an operation whose estimated cost is above `maximum` before any resolver runs. Wide
 * queries (many fields or aliases) and deep page-within-page queries both add up.
 */
export function queryComplexityPlugin(maximum: number, defaultPageSize = 20): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables,
            estimators: [pageSizeEstimator(defaultPageSize), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > maximum) {
            throw new GraphQLError(
              `Query is too complex: its cost is ${complexity}, the maximum is ${maximum}. Ask for fewer fields or smaller pages.`,
              {
                extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, complexity, maximum, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
