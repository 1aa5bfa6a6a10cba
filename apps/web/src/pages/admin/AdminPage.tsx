import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useViewer } from '../../auth/ViewerProvider';
import { EmptyState } from '../../ui/States';
import { ApiKeysSection } from './ApiKeysSection';
import { ImportSection } from './ImportSection';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { StagesSection } from './StagesSection';
import { WebhooksSection } from './WebhooksSection';

const TABS = [
  { path: 'members', label: 'Members', Component: MembersSection },
  { path: 'invitations', label: 'Invitations', Component: InvitationsSection },
  { path: 'api-keys', label: 'API keys', Component: ApiKeysSection },
  { path: 'stages', label: 'Stages', Component: StagesSection },
  { path: 'webhooks', label: 'Webhooks', Component: WebhooksSection },
  { path: 'import', label: 'Import', Component: ImportSection },
];

/** Workspace administration, one tab per concern. */
export default function AdminPage() {
  const viewer = useViewer();
  if (!viewer.isAdmin)
    return (
      <EmptyState
        title="Only workspace admins can open this page."
        hint="Ask an admin of this workspace for what you need."
      />
    );
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="page-subtitle">{viewer.workspace.name}</p>
        </div>
      </header>
      <nav aria-label="Admin sections" className="tabs">
        {TABS.map((tab) => (
          <NavLink key={tab.path} to={`/admin/${tab.path}`} className="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="members" replace />} />
        {TABS.map(({ path, Component }) => (
          <Route key={path} path={path} element={<Component />} />
        ))}
      </Routes>
    </div>
  );
}
