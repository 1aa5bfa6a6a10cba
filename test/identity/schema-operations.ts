import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';

export type OperationType = 'query' | 'mutation';

export interface Operation {
  type: OperationType;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every root field of the live schema: what a client can call. */
export function operationsOf(api: TestApp): Operation[] {
  const schema: GraphQLSchema = api.app.get(GraphQLSchemaHost).schema;
  const fieldsOf = (type: OperationType) => {
    const root = type === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(root?.getFields() ?? {}).map((field) => ({ type, name: field.name, field }));
  };
  return [...fieldsOf('query'), ...fieldsOf('mutation')];
}

let counter = 0;

/** A well-typed sample value: the guard must decide before any validation or lookup happens. */
function sample(type: GraphQLInputType, argument: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, argument);
  if (isListType(type)) return [sample(type.ofType, argument)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type, field.name)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      case 'JSONObject':
        return {};
      default:
        if (/email/i.test(argument)) return `sample${++counter}@example.test`;
        if (/password/i.test(argument)) return 'a sample password';
        return `sample ${++counter}`;
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** A document calling the operation with sample values for its required arguments. */
export function sampleCall(operation: Operation): { query: string; variables: Record<string, unknown> } {
  const required = operation.field.args.filter((arg) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passing = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(operation.field.type)) ? ' { __typename }' : '';
  const query = `${operation.type}${declarations ? ` (${declarations})` : ''} { ${operation.name}${passing ? `(${passing})` : ''}${selection} }`;
  return {
    query,
    variables: Object.fromEntries(required.map((arg) => [arg.name, sample(arg.type, arg.name)])),
  };
}
