import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createConsoleClient } from './console-client.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={createConsoleClient()} />
  </StrictMode>,
);
