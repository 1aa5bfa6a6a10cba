import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { LoaderRegistry } from './loader-registry';

/** Injects the request's LoaderRegistry into a resolver method. */
export const Loaders = createParamDecorator((_: unknown, context: ExecutionContext): LoaderRegistry => {
  const gql = GqlExecutionContext.create(context).getContext<{ loaders?: LoaderRegistry }>();
  if (!gql.loaders) gql.loaders = new LoaderRegistry();
  return gql.loaders;
});
