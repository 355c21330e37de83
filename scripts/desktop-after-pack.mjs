// electron-builder's afterPack hook (electron-builder.yml): the unpacked models the desktop app
// never reads are dropped, as in the server package (scripts/server-package/prune-unused-models.ts,
// one rule for both). electron-builder loads hooks as JavaScript, so tsx is registered for the rule.
import path from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { pruneUnusedModels } = await import('./server-package/prune-unused-models.ts');

export default async function afterPack(context) {
  const resources = context.packager.platform.name === 'mac' ? path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources') : path.join(context.appOutDir, 'resources');
  const { removedBytes, removedFolders } = await pruneUnusedModels(path.join(resources, 'app.asar.unpacked', 'node_modules'));
  console.log(`  • afterPack: ${removedFolders.length} unused model folders dropped (${(removedBytes / 1024 / 1024).toFixed(0)} MB)`);
}
