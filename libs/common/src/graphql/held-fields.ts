import { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType, Kind, SelectionSetNode } from 'graphql';

const HELD = Symbol('held fields');

type Holding = { [HELD]?: Record<string, unknown> };

/**
 * Gives an object the values of some of its resolved fields, already in hand (a list row read with
 * its stage and owner): GraphQL answers those fields with these values, synchronously, without
 * calling their field resolvers. Each value must be what the field's resolver would return; fields
 * that take arguments are always resolved.
 */
export function holding<T extends object>(object: T, fields: Record<string, unknown>): T {
  (object as Holding)[HELD] = fields;
  return object;
}

/**
 * The schema with every field resolver first looking for a value its parent holds (`holding`). Nest
 * wraps each `@ResolveField` in its own context creation, several promises per call; a page of rows
 * whose nested values are held completes without any.
 */
export function readHeldFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || field.args.length > 0) continue;
      const name = field.name;
      const heldFirst: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const held = (source as Holding | null | undefined)?.[HELD];
        return held !== undefined && Object.hasOwn(held, name) ? held[name] : resolve(source, args, context, info);
      };
      field.resolve = heldFirst;
    }
  }
  return schema;
}

/**
 * The names of the fields the operation asks of the field being resolved (through fragments too),
 * so a resolver reads for its rows only the nested values that will be shown.
 */
export function fieldsAsked(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
