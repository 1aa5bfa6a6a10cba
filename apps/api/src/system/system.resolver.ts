import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';

@ObjectType({ description: 'The running Greenlight server.' })
export class ServerInfo {
  @Field()
  version: string;

  @Field()
  startedAt: Date;
}

const STARTED_AT = new Date();
const VERSION: string = require('../../../../package.json').version;

@Resolver(() => ServerInfo)
export class SystemResolver {
  @Query(() => ServerInfo, { description: 'Version and start time of the server answering.' })
  serverInfo(): ServerInfo {
    return { version: VERSION, startedAt: STARTED_AT };
  }
}
