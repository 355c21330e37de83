#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx ocr-desk` works right after `npm ci`
// with no build step and can never run stale compiled code.
import { register } from 'tsx/esm/api';

register();
const { relaunchWithOneMallocArena, stopWithParent } = await import('../main/platform/one-malloc-arena.ts');
const exitCode = await relaunchWithOneMallocArena();
if (exitCode === null) {
  stopWithParent();
  await import('../main/cli.ts');
} else process.exitCode = exitCode;
