import { useMutation } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { graphql } from '../../gql';
import type { AccountPageQuery } from '../../gql/graphql';
import { formatDate } from '../../ui/format';
import { FormError } from '../../ui/States';

type Task = AccountPageQuery['account']['openTasks'][number];

export const CompleteTaskMutation = graphql(`
  mutation CompleteTask($id: ID!) {
    completeTask(id: $id) {
      id
      status
      completedAt
    }
  }
`);

export function TasksSection({ tasks }: { tasks: Task[] }) {
  const viewer = useViewer();
  const [{ error }, complete] = useMutation(CompleteTaskMutation);
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <h2 className="panel-title" id="tasks-title">
        Open tasks <span className="count">{tasks.length}</span>
      </h2>
      {tasks.length === 0 && <p className="muted">No open follow-ups. Add them when you log an interaction.</p>}
      <ul className="list">
        {tasks.map((task) => (
          <li key={task.id} className="list-row">
            <label className="task-label">
              {viewer.canEdit && <input type="checkbox" onChange={() => complete({ id: task.id })} aria-label={`Complete ${task.title}`} />}
              <span>{task.title}</span>
            </label>
            <span className={task.overdue ? 'small overdue' : 'muted small'}>
              {task.dueAt ? `due ${formatDate(task.dueAt)}` : 'no due date'}
              {task.assignee && ` · ${task.assignee.user.name}`}
            </span>
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </section>
  );
}
