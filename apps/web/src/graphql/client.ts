import { authExchange } from '@urql/exchange-auth';
import { cacheExchange, Client, type CombinedError, fetchExchange } from 'urql';
import { refreshSession } from '../auth/refresh';
import { expiresSoon, sessionStore } from '../auth/session-store';

function isAuthError(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** A GraphQL client that sends the access token and refreshes it before it runs out. */
export function createGraphQLClient(): Client {
  return new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    // POST always: Apollo's CSRF guard refuses simple GET requests.
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const session = sessionStore.get();
          return session ? utils.appendHeaders(operation, { authorization: `Bearer ${session.accessToken}` }) : operation;
        },
        willAuthError() {
          const session = sessionStore.get();
          return session !== null && expiresSoon(session);
        },
        didAuthError: isAuthError,
        async refreshAuth() {
          await refreshSession();
        },
      })),
      fetchExchange,
    ],
  });
}
