import { useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { useViewer } from '../auth/ViewerProvider';
import { humanize, initials } from '../ui/format';

export function UserMenu() {
  const viewer = useViewer();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <div className="user-menu">
      <span className="avatar" aria-hidden="true">
        {initials(viewer.user.name)}
      </span>
      <span className="user-text">
        <span className="user-name">{viewer.user.name}</span>
        <span className="user-role">{humanize(viewer.role)}</span>
      </span>
      <button
        type="button"
        className="button button-quiet"
        onClick={async () => {
          await session.signOut();
          navigate('/sign-in');
        }}
      >
        Sign out
      </button>
    </div>
  );
}
