import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Workspace', { description: "One vendor's tenant." })
export class WorkspaceNode {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Short unique name, used to pick the workspace when signing in.' })
  slug: string;

  @Field()
  createdAt: Date;
}
