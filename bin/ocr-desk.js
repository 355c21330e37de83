#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx ocr-desk` works right after `npm ci`
// with no build step and can never run stale compiled code.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');
