/**
 * A password from standard input: typed at a terminal with echo off (asked twice), or the first
 * line of piped input (`printf '%s\n' "$PASSWORD" | ocr-desk account password NAME`), so it never
 * appears in the command line, the shell history or the process list.
 */
export async function readPassword(input: NodeJS.ReadStream, prompt: NodeJS.WritableStream): Promise<string | null> {
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/u)[0] ?? '';
  }
  const first = await readHidden(input, prompt, 'New password: ');
  const second = await readHidden(input, prompt, 'Again: ');
  return first === second ? first : null;
}

function readHidden(input: NodeJS.ReadStream, prompt: NodeJS.WritableStream, question: string): Promise<string> {
  prompt.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          input.off('data', onData);
          input.setRawMode(false);
          input.pause();
          prompt.write('\n');
          resolve(typed);
          return;
        }
        if (character === '\u0003') process.kill(process.pid, 'SIGINT');
        else if (character === '\u007f') typed = [...typed].slice(0, -1).join('');
        else typed += character;
      }
    };
    input.on('data', onData);
  });
}
