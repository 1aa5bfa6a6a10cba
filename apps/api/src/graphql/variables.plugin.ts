import { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@greenlight/common';
import { getVariableValues, GraphQLError } from 'graphql';

/**
 * Checks the variables against the operation before the other plugins read them (the cost limit
 * coerces them too, and would fail with an internal error): a missing variable, one of the wrong
 * type or an unknown enum value is `BAD_USER_INPUT`, HTTP 400, naming the variable.
 */
export function variablesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation, schema }) {
          const { errors } = getVariableValues(
            schema,
            operation?.variableDefinitions ?? [],
            request.variables ?? {},
            {
              maxErrors: 10,
            },
          );
          if (!errors?.length) return;
          throw new GraphQLError(errors.map((error) => error.message).join('; '), {
            nodes: errors[0].nodes,
            extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
          });
        },
      };
    },
  };
}
