import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { CrmLoaders } from '../crm.loaders';
import { IdArgs, TaskConnection } from '../crm.types';
import { Interaction } from '../interactions/interaction.entity';
import { CreateTaskInput, TasksArgs, UpdateTaskInput } from './task.inputs';
import { Task } from './task.entity';
import { TasksService } from './tasks.service';

@SignedIn()
@ApiKeys('read')
@Resolver(() => Task)
export class TaskResolver {
  constructor(
    private readonly service: TasksService,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => Task)
  task(@Args() { id }: IdArgs): Promise<Task> {
    return this.service.get(id);
  }

  @Query(() => TaskConnection, { description: 'Tasks, soonest due first unless sortBy says otherwise.' })
  tasks(@Args() args: TasksArgs): Promise<Connection<Task>> {
    return this.service.list(args);
  }

  @Mutation(() => Task)
  createTask(@Args('input') input: CreateTaskInput): Promise<Task> {
    return this.service.create(input);
  }

  @Mutation(() => Task)
  updateTask(@Args('input') input: UpdateTaskInput): Promise<Task> {
    return this.service.update(input);
  }

  @Mutation(() => Task)
  completeTask(@Args() { id }: IdArgs): Promise<Task> {
    return this.service.complete(id);
  }

  @ResolveField(() => MemberNode, { nullable: true })
  assignee(@Parent() task: Task, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return task.assigneeId ? this.identity.member(registry).load(task.assigneeId) : null;
  }

  @ResolveField(() => Account, { nullable: true })
  account(@Parent() task: Task, @Loaders() registry: LoaderRegistry): Promise<Account | null> | null {
    return task.accountId ? this.loaders.account(registry).load(task.accountId) : null;
  }

  @ResolveField(() => Contact, { nullable: true })
  contact(@Parent() task: Task, @Loaders() registry: LoaderRegistry): Promise<Contact | null> | null {
    return task.contactId ? this.loaders.contact(registry).load(task.contactId) : null;
  }

  @ResolveField(() => Interaction, { nullable: true })
  interaction(@Parent() task: Task, @Loaders() registry: LoaderRegistry): Promise<Interaction | null> | null {
    return task.interactionId ? this.loaders.interaction(registry).load(task.interactionId) : null;
  }

  @ResolveField(() => Boolean, { description: 'Open and past its due time.' })
  overdue(@Parent() task: Task): boolean {
    return task.status === 'open' && task.dueAt !== null && task.dueAt.getTime() < Date.now();
  }
}
