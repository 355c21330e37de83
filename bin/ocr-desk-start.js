#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run, else the headless server (main/desktop/launch.ts).
import { register } from 'tsx/esm/api';

register();
await import('../main/desktop/launch.ts');
