import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import './app/theme.css';
import { AppProvider } from './app/provider';
import { router } from './app/router';
import { installErrorToasts } from './app/error-toasts';
import { watchConnection } from './app/connection';
import { installUnauthorizedRedirect } from './app/session';
import { queryClient } from './lib/query-client';

installErrorToasts();
watchConnection(queryClient);
installUnauthorizedRedirect(router);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  </StrictMode>,
);
