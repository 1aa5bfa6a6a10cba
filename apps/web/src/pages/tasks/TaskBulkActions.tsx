import { useClient } from 'urql';
import type { TaskStatus } from '../../gql/graphql';
import { BulkActions } from '../../ui/BulkActions';
import { MemberSelect, type MemberOption } from '../../ui/MemberSelect';
import { BulkUpdateTasksMutation } from './bulk.operations';

/** Assign, complete, reopen or reschedule every selected task. */
export function TaskBulkActions<Row extends { id: string; title: string }>({
  selected,
  members,
  onDone,
}: {
  selected: Row[];
  members: readonly MemberOption[];
  onDone(): void;
}) {
  const client = useClient();
  const update = async (input: { ids: string[]; assigneeId?: string; status?: TaskStatus; dueAt?: string }) => {
    const result = await client
      .mutation(BulkUpdateTasksMutation, { input }, { additionalTypenames: ['Task'] })
      .toPromise();
    return { answer: result.data?.bulkUpdateTasks, error: result.error };
  };
  return (
    <BulkActions
      noun="task"
      selected={selected}
      name={(row) => row.title}
      onDone={onDone}
      actions={[
        {
          value: 'assign',
          label: 'Assign to',
          fields: <MemberSelect label="Assignee" name="assignee" members={members} />,
          missing: (form) => (form.get('assignee') ? null : 'Choose the assignee first.'),
          run: (ids, form) => update({ ids, assigneeId: String(form.get('assignee')) }),
        },
        { value: 'complete', label: 'Complete', run: (ids) => update({ ids, status: 'DONE' }) },
        { value: 'reopen', label: 'Reopen', run: (ids) => update({ ids, status: 'OPEN' }) },
        {
          value: 'due',
          label: 'Change due date',
          fields: (
            <label className="field">
              <span>Due on</span>
              <input type="date" name="due" />
            </label>
          ),
          missing: (form) => (form.get('due') ? null : 'Choose the day first.'),
          // due at the end of the working day, in the member's time zone
          run: (ids, form) => update({ ids, dueAt: new Date(`${String(form.get('due'))}T17:00`).toISOString() }),
        },
      ]}
    />
  );
}
