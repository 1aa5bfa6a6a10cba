import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPlugin } from '@apollo/server';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { LoaderRegistry, formatGraphQLError, readHeldFields } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import type { Request, Response } from 'express';
import { Logger } from 'pino';
import { depthLimitRule } from './depth-limit.rule';
import { queryLimitsPlugin } from './query-limits.plugin';
import { variablesPlugin } from './variables.plugin';

interface GraphQLContext {
  req: Request;
  res: Response;
  loaders: LoaderRegistry;
}

export const GRAPHQL_PATH = '/graphql';

/** Answers are per caller and never cached: `Cache-Control: no-store` on every GraphQL response. */
const notCacheable: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export function graphqlOptions(config: AppConfig, logger: Logger): ApolloDriverConfig {
  const landingPage = !config.graphqlIntrospection
    ? ApolloServerPluginLandingPageDisabled()
    : config.isProduction
      ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
      : ApolloServerPluginLandingPageLocalDefault({ footer: false });
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    // list rows read with their nested values answer those fields without their resolvers
    transformSchema: readHeldFields,
    playground: false,
    introspection: config.graphqlIntrospection,
    includeStacktraceInErrorResponses: false,
    plugins: [
      landingPage,
      // Apollo's cache-control plugin walks every resolved field to compute a policy that is always
      // "not cacheable" here (no field has a cache hint): this header says so at once.
      ApolloServerPluginCacheControlDisabled(),
      notCacheable,
      variablesPlugin(),
      queryLimitsPlugin({ maxComplexity: config.graphqlMaxComplexity, maxRootFields: config.graphqlMaxRootFields }),
    ],
    validationRules: [depthLimitRule(config.graphqlMaxDepth)],
    parseOptions: { maxTokens: 20_000 },
    context: ({ req, res }: { req: Request; res: Response }): GraphQLContext => ({
      req,
      res,
      loaders: new LoaderRegistry(),
    }),
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, {
        production: config.isProduction,
        // with introspection off, the hints would reveal the schema one name at a time
        suggestions: config.graphqlIntrospection,
        onInternalError: (original) =>
          logger.error({ err: original }, 'unexpected error in a GraphQL operation'),
      }),
  };
}
