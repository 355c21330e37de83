import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createConsoleClient } from './console-client.js';
import { desktopBridge } from './desktop-bridge.js';
import { createSignInAgain } from './desktop-sign-in-again.js';
import './styles.css';

// The client tells the app when the server says the session is gone; the app shows sign-in (or,
// in the desktop window, first tries to sign in again through the shell).
const signedOut = new EventTarget();
const client = createConsoleClient(undefined, () => signedOut.dispatchEvent(new Event('signed-out')));
// In the desktop window an ended session is renewed through the shell; one per page load.
const bridge = desktopBridge();
const signInAgain = bridge
  ? createSignInAgain({
      bridge,
      origin: window.location.origin,
      // Reached at each use: a window whose storage is refused throws there, where it is caught.
      storage: { getItem: (key) => window.sessionStorage.getItem(key), setItem: (key, value) => window.sessionStorage.setItem(key, value) },
      navigate: (url) => window.location.assign(url),
      now: () => Date.now(),
    })
  : null;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} signedOut={signedOut} bridge={bridge} signInAgain={signInAgain} />
  </StrictMode>,
);
