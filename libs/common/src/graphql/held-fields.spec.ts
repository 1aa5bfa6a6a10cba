import { buildSchema, execute, GraphQLObjectType, GraphQLResolveInfo, parse } from 'graphql';
import { fieldsAsked, holding, readHeldFields } from './held-fields';

describe('readHeldFields', () => {
  const schema = buildSchema(`
    type Stage { id: ID!, name: String! }
    type Account { id: ID!, stage: Stage!, owner: String, label(upper: Boolean): String!, constructor: String }
    type Query { accounts: [Account!]! }
  `);
  const calls: string[] = [];
  const account = schema.getType('Account') as GraphQLObjectType;
  account.getFields().stage.resolve = (source: { stageId: string }) => {
    calls.push(`stage ${source.stageId}`);
    return Promise.resolve({ id: source.stageId, name: 'loaded' });
  };
  account.getFields().owner.resolve = () => {
    calls.push('owner');
    return 'loaded owner';
  };
  account.getFields().label.resolve = (source: { id: string }, { upper }: { upper?: boolean }) => {
    calls.push('label');
    return upper ? source.id.toUpperCase() : source.id;
  };
  account.getFields()['constructor' as string].resolve = () => {
    calls.push('constructor');
    return 'resolved';
  };
  readHeldFields(schema);

  beforeEach(() => (calls.length = 0));

  it('answers a held field with its value, synchronously, without its resolver', () => {
    const rows = [
      holding({ id: 'a1', stageId: 's1' }, { stage: { id: 's1', name: 'Lead' }, owner: null, label: 'ignored' }),
    ];
    const result = execute({
      schema,
      document: parse('{ accounts { id stage { id name } owner label(upper: true) constructor } }'),
      rootValue: { accounts: rows },
    });
    // a plain result, not a promise: nothing on the way needed one
    expect(result).toEqual({
      data: { accounts: [{ id: 'a1', stage: { id: 's1', name: 'Lead' }, owner: null, label: 'A1', constructor: 'resolved' }] },
    });
    // fields with arguments and fields not held still go to their resolvers
    expect(calls).toEqual(['label', 'constructor']);
  });

  it('resolves fields of objects that hold nothing as before', async () => {
    const result = await execute({
      schema,
      document: parse('{ accounts { id stage { id name } owner } }'),
      rootValue: { accounts: [{ id: 'a2', stageId: 's2' }] },
    });
    expect(result).toEqual({ data: { accounts: [{ id: 'a2', stage: { id: 's2', name: 'loaded' }, owner: 'loaded owner' }] } });
    expect(calls).toEqual(['stage s2', 'owner']);
  });
});

describe('fieldsAsked', () => {
  const schema = buildSchema(`
    type Hit { id: ID!, title: String, account: String, contact: String }
    type Query { search: [Hit!]! }
  `);
  let asked: Set<string> | undefined;
  schema.getQueryType()!.getFields().search.resolve = (_source, _args, _context, info: GraphQLResolveInfo) => {
    asked = fieldsAsked(info);
    return [];
  };

  it('names the fields asked of the field being resolved, through inline fragments and fragment spreads', async () => {
    await execute({
      schema,
      document: parse(`{ search { id ... on Hit { title } ...Who } } fragment Who on Hit { contact }`),
    });
    expect([...asked!].sort()).toEqual(['contact', 'id', 'title']);
    await execute({ schema, document: parse('{ search { title } }') });
    expect([...asked!]).toEqual(['title']);
  });
});
