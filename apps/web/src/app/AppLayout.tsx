import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useViewer } from '../auth/ViewerProvider';
import { LogInteractionProvider, LogInteractionButton } from '../interactions/LogInteractionProvider';
import { NotificationCentre } from '../notifications/NotificationCentre';
import { GlobalSearch } from '../search/GlobalSearch';
import { navEntries } from './routes';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The frame of every signed-in page: navigation, search, the log-interaction button, the user. */
export function AppLayout() {
  const viewer = useViewer();
  const location = useLocation();
  // On a narrow screen the navigation folds behind the menu button; going to another page folds it again.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;
  const setMenuOpen = (open: boolean) => setMenuOpenOn(open ? location.pathname : null);
  return (
    <LogInteractionProvider>
      <div className="shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <aside className="sidebar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Greenlight
          </div>
          <button
            type="button"
            className="button menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-navigation"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
          </button>
          <div id="main-navigation" className={menuOpen ? 'sidebar-body open' : 'sidebar-body'}>
            <WorkspaceSwitcher />
            <nav aria-label="Main">
              <ul className="nav-list">
                {navEntries(viewer.isAdmin).map((entry) => (
                  <li key={entry.to}>
                    <NavLink to={entry.to} end={entry.to === '/'} className="nav-link">
                      {entry.label}
                      {entry.Badge && <entry.Badge />}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </aside>
        <header className="topbar">
          <GlobalSearch />
          <div className="topbar-actions">
            {viewer.canEdit && <LogInteractionButton />}
            <NotificationCentre />
            <UserMenu />
          </div>
        </header>
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </LogInteractionProvider>
  );
}
