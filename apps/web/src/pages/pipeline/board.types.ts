import type { PipelineBoardQuery, StageAccountsQuery } from '../../gql/graphql';

/** An account card on the pipeline board, as its column's query reads it. */
export type BoardAccount = StageAccountsQuery['accounts']['edges'][number]['node'];
/** A column of the pipeline board. */
export type BoardStage = PipelineBoardQuery['stages'][number];
