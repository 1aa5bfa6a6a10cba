import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { useViewer } from '../auth/ViewerProvider';
import { describeError } from '../ui/errors';

/** The current workspace; a picker when the user belongs to several. */
export function WorkspaceSwitcher() {
  const viewer = useViewer();
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  if (viewer.workspaces.length < 2) return <div className="workspace-name">{viewer.workspace.name}</div>;
  return (
    <div className="workspace-switcher">
      <label htmlFor="workspace-switch" className="visually-hidden">
        Workspace
      </label>
      <select
        id="workspace-switch"
        value={viewer.workspace.id}
        onChange={async (event) => {
          setError(null);
          try {
            await session.switchWorkspace(event.target.value);
            navigate('/');
          } catch (caught) {
            setError(describeError(caught));
          }
        }}
      >
        {viewer.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
