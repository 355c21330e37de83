import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSignInAgain, rememberInSession, signedOutByChoiceKey } from '../../renderer/src/desktop-sign-in-again.js';

const origin = 'http://127.0.0.1:8766';
const link = `${origin}/console/login?token=fresh`;

/** The window as the module sees it: storage that survives the navigation, a clock, a recorder. */
function windowLike(answer: () => Promise<string | null>) {
  const stored = new Map<string, string>();
  const world = {
    clock: 1_000_000,
    asked: 0,
    navigated: [] as string[],
    storage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value), removeItem: (key: string) => void stored.delete(key) },
    /** A new page load: a fresh instance over the same storage. */
    load: () =>
      createSignInAgain({
        bridge: {
          loginLink: () => {
            world.asked += 1;
            return answer();
          },
        },
        origin,
        storage: world.storage,
        navigate: (url) => void world.navigated.push(url),
        now: () => world.clock,
      }),
  };
  return world;
}

test('an ended session is renewed by the shell\'s link, once per page load whoever asks', async () => {
  const world = windowLike(async () => link);
  const again = world.load();
  const [first, second] = await Promise.all([again(), again()]);
  assert.deepEqual([first, second], [true, true]);
  assert.equal(await again(), true, 'later callers hear the same outcome');
  assert.equal(world.asked, 1);
  assert.deepEqual(world.navigated, [link]);
});

test('the page the link led to, signed out again at once, shows the sign-in page instead of reloading forever', async () => {
  const world = windowLike(async () => link);
  assert.equal(await world.load()(), true);
  world.clock += 5_000;
  assert.equal(await world.load()(), false);
  assert.equal(world.asked, 1, 'the shell is not even asked');
  // A session ending much later (idle timeout) is renewed again.
  world.clock += 120_000;
  assert.equal(await world.load()(), true);
  assert.equal(world.navigated.length, 2);
});

test('no link, a foreign link or a failing shell means the sign-in page, and leaves no mark', async () => {
  for (const answer of [async () => null, async () => 'https://evil.example/console/login?token=x', async () => `${origin}/elsewhere`, () => Promise.reject(new Error('ipc gone'))]) {
    const world = windowLike(answer as () => Promise<string | null>);
    assert.equal(await world.load()(), false);
    assert.deepEqual(world.navigated, []);
    assert.equal(world.storage.getItem('ocr-desk-signed-in-again-at'), null);
  }
});

test('storage that refuses (so a loop could not be told) means no attempt; a clock gone back is no recent attempt', async () => {
  const refusing = windowLike(async () => link);
  refusing.storage.setItem = () => {
    throw new Error('SecurityError');
  };
  assert.equal(await refusing.load()(), false);
  assert.deepEqual(refusing.navigated, []);
  const unreadable = windowLike(async () => link);
  unreadable.storage.getItem = () => {
    throw new Error('SecurityError');
  };
  assert.equal(await unreadable.load()(), true, 'nothing read is no recent attempt; the write still guards the next load');
  const world = windowLike(async () => link);
  assert.equal(await world.load()(), true);
  world.clock -= 3_600_000;
  assert.equal(await world.load()(), true);
});

test('a sign-out the person chose holds across reloads until they sign in themselves', async () => {
  const world = windowLike(async () => link);
  rememberInSession(signedOutByChoiceKey, true, world.storage);
  assert.equal(await world.load()(), false, 'signed out by choice: the sign-in page, no link asked for');
  assert.equal(world.asked, 0);
  rememberInSession(signedOutByChoiceKey, false, world.storage);
  assert.equal(await world.load()(), true, 'after signing in again, an expired session is renewed as before');
});
