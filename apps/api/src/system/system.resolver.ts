import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { APP_VERSION } from '@greenlight/config';
import { Public } from '@greenlight/identity';

@ObjectType({ description: 'The running Greenlight server.' })
class ServerInfo {
  @Field()
  version: string;

  @Field()
  startedAt: Date;
}

const STARTED_AT = new Date();

@Resolver(() => ServerInfo)
export class SystemResolver {
  @Public()
  @Query(() => ServerInfo, { description: 'Version and start time of the server answering.' })
  serverInfo(): ServerInfo {
    return { version: APP_VERSION, startedAt: STARTED_AT };
  }
}
