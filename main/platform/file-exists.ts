import { stat } from 'node:fs/promises';

/** Whether anything is at a path (a file or a folder); an unreadable path counts as absent. */
export async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
