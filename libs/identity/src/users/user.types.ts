import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('User', { description: 'A person who can sign in.' })
export class UserNode {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;
}
