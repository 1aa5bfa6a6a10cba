import { AppConfig } from '@greenlight/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildSchema,
  DocumentNode,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import * as operations from '../../apps/web/src/gql/graphql';
import { databaseCostEstimator, rootFieldCount } from '../../apps/api/src/graphql/query-limits.plugin';
import { ROOT } from '../support/server-process';

const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'apps/api/schema.graphql'), 'utf8'));
const limits = AppConfig.fromEnv({ NODE_ENV: 'test' });

/** The widest values the API accepts: the longest windows, the largest pages. */
function widest(name: string, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return widest(name, type.ofType);
  if (isListType(type)) return [widest(name, type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    if (type.name === 'DashboardPeriod') return { from: '2024-01-01', to: '2025-12-31' };
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return Object.fromEntries(fields.map((field) => [field.name, widest(field.name, field.type)]));
  }
  if (name === 'from') return '2024-01-01';
  if (name === 'to') return '2026-12-31';
  if (name === 'first' || name === 'last') return 100;
  return { ID: '00000000-0000-4000-8000-000000000000', Int: 1, Float: 1, Boolean: true, DateTime: '2026-01-01T00:00:00Z' }[type.name] ?? 'x';
}

const documents = Object.entries(operations).filter(
  (entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode).kind === Kind.DOCUMENT,
);

/** Every operation of the web app stays within the default GraphQL limits, asked at its widest. */
describe('web app operations within the query limits', () => {
  it('finds the operations', () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  it.each(documents)('%s', (_name, document) => {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
    );
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? []).map((definition) => [
        definition.variable.name.value,
        widest(definition.variable.name.value, typeFromAST(schema, definition.type as never) as GraphQLInputType),
      ]),
    );
    const complexity = getComplexity({
      schema,
      query: document,
      variables,
      estimators: [databaseCostEstimator(schema, 20)],
    });
    expect({ rootFields: rootFieldCount(operation, fragments) <= limits.graphqlMaxRootFields, complexity: complexity <= limits.graphqlMaxComplexity }).toEqual({
      rootFields: true,
      complexity: true,
    });
  });
});
