import { AllowReadOnlyRoles, SignedIn } from '@greenlight/identity';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArgs } from '../crm.types';
import { SavedView } from './saved-view.entity';
import { SavedViewsArgs, SaveViewInput } from './saved-view.inputs';
import { SavedViewsService } from './saved-views.service';

/** Personal list views: any signed-in member (executives too) keeps their own; API keys have none. */
@SignedIn()
@Resolver(() => SavedView)
export class SavedViewResolver {
  constructor(private readonly service: SavedViewsService) {}

  @Query(() => [SavedView], { description: 'The caller’s saved views of a list, by name.' })
  savedViews(@Args() { list }: SavedViewsArgs): Promise<SavedView[]> {
    return this.service.list(list);
  }

  @AllowReadOnlyRoles()
  @Mutation(() => SavedView, {
    description: 'Saves a view of a list for the caller; the same name on the same list replaces it.',
  })
  saveView(@Args('input') input: SaveViewInput): Promise<SavedView> {
    return this.service.save(input);
  }

  @AllowReadOnlyRoles()
  @Mutation(() => Boolean, { description: 'Deletes one of the caller’s saved views.' })
  deleteSavedView(@Args() { id }: IdArgs): Promise<boolean> {
    return this.service.delete(id);
  }
}
