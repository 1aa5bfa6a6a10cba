import type { PipelineBoardQuery } from '../../gql/graphql';

/** An account card on the pipeline board, as the board query reads it. */
export type BoardAccount = PipelineBoardQuery['accounts']['edges'][number]['node'];
/** A column of the pipeline board. */
export type BoardStage = PipelineBoardQuery['stages'][number];
