import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AcceptInvitationPage } from '../auth/AcceptInvitationPage';
import { RequireSession } from '../auth/RequireSession';
import { SessionProvider } from '../auth/SessionProvider';
import { SignInPage } from '../auth/SignInPage';
import { ViewerProvider } from '../auth/ViewerProvider';
import { Loading } from '../ui/States';
import { ToastProvider } from '../ui/Toast';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { pageRoutes } from './routes';

export function App() {
  return (
    <SessionProvider>
      <ToastProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/invite/:token" element={<AcceptInvitationPage />} />
          <Route
            element={
              <RequireSession>
                <ViewerProvider>
                  <AppLayout />
                </ViewerProvider>
              </RequireSession>
            }
          >
            {pageRoutes.map(({ path, Component }) => {
              const element = (
                <Suspense fallback={<Loading />}>
                  <Component />
                </Suspense>
              );
              return path === '' ? (
                <Route key="index" index element={element} />
              ) : (
                <Route key={path} path={path} element={element} />
              );
            })}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
      </ToastProvider>
    </SessionProvider>
  );
}
