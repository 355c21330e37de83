import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createConsoleClient } from './console-client.js';
import './styles.css';

// The client tells the shell when the server says the session is gone; the shell shows sign-in.
const signedOut = new EventTarget();
const client = createConsoleClient(undefined, () => signedOut.dispatchEvent(new Event('signed-out')));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} signedOut={signedOut} />
  </StrictMode>,
);
