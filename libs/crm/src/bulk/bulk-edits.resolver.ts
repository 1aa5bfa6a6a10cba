import { SignedIn } from '@greenlight/identity';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { BulkEditsService } from './bulk-edits.service';
import { BulkMoveInteractionsInput, BulkResult, BulkUpdateContactsInput, BulkUpdateTasksInput } from './bulk.types';

/** Bulk edits of list rows, for members who may edit (not executives, not API keys). */
@SignedIn()
@Resolver(() => BulkResult)
export class BulkEditsResolver {
  constructor(private readonly service: BulkEditsService) {}

  @Mutation(() => BulkResult, {
    description: 'Assigns an owner to, archives or restores up to 100 contacts, each audited as a single edit.',
  })
  bulkUpdateContacts(@Args('input') input: BulkUpdateContactsInput): Promise<BulkResult> {
    return this.service.updateContacts(input);
  }

  @Mutation(() => BulkResult, {
    description: 'Assigns, completes or reopens, or sets the due time of up to 100 tasks, each audited as a single edit.',
  })
  bulkUpdateTasks(@Args('input') input: BulkUpdateTasksInput): Promise<BulkResult> {
    return this.service.updateTasks(input);
  }

  @Mutation(() => BulkResult, {
    description: 'Moves up to 100 interactions to an account (or adds it beside their others), each audited.',
  })
  bulkMoveInteractions(@Args('input') input: BulkMoveInteractionsInput): Promise<BulkResult> {
    return this.service.moveInteractions(input);
  }
}
