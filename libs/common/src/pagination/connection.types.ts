import { Type } from '@nestjs/common';
import { ArgsType, Field, FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start (1 to ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first?: number;

  @Field({ nullable: true, description: 'Cursor to continue after.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string;

  @Field(() => Int, { nullable: true, description: `Page size from the end (1 to ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @Min(1, { message: 'last must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `last must be at most ${MAX_PAGE_SIZE}` })
  last?: number;

  @Field({ nullable: true, description: 'Cursor to continue before.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  before?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Resolved only when asked for: counting can cost more than the page. */
  totalCount: () => Promise<number>;
}

/** Runs the lazy `totalCount` of a connection, only when a query selects the field. */
const countWhenAsked: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
};

/** Builds the `XConnection` and `XEdge` GraphQL types for a node type. */
export function ConnectionType<T>(node: Type<T>, name = node.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filters, across all pages.', middleware: [countWhenAsked] })
    totalCount: () => Promise<number>;
  }
  return ConnectionClass as unknown as Type<Connection<T>>;
}
