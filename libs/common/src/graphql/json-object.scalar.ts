import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value)]));
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    default:
      return null;
  }
}

/** A JSON object, sent as is (for example the before and after of an audit entry). */
export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object.',
  serialize: (value) => {
    if (!isPlainObject(value)) throw new GraphQLError('JSONObject cannot represent a non-object value');
    return value;
  },
  parseValue: (value) => {
    if (!isPlainObject(value)) throw new GraphQLError('JSONObject must be an object');
    return value;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.OBJECT) throw new GraphQLError('JSONObject must be an object');
    return literalValue(node);
  },
});
