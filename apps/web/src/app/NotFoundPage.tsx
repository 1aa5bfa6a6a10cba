import { Link } from 'react-router';
import { EmptyState } from '../ui/States';

export function NotFoundPage() {
  return (
    <EmptyState
      title="There is no page here."
      hint="The link may be old or mistyped."
      action={
        <Link className="button" to="/pipeline">
          Go to the pipeline
        </Link>
      }
    />
  );
}
