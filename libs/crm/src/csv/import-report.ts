import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One refused row of an import.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' })
  line: number;

  @Field({ description: 'Our field, or the column it came from.' })
  field: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'What an import did (or, in a dry run, would do).' })
export class ImportReport {
  @Field()
  kind: string;

  @Field()
  dryRun: boolean;

  @Field(() => Int)
  rows: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int, { description: 'Rows refused; the valid rows around them were kept.' })
  failed: number;

  @Field(() => [ImportRowError], { description: 'The first 1,000 refused rows.' })
  errors: ImportRowError[];

  @Field(() => [String], { description: 'Columns that matched no field and were ignored.' })
  ignoredColumns: string[];
}

export const MAX_REPORTED_ERRORS = 1000;
