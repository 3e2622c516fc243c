/**
 * Run as a child process by data-lock.test.ts: takes the data folder's lock, prints "locked", then
 * either waits to be killed ("hold") or exits without releasing it ("exit", like process.exit()
 * from anywhere in the app).
 */
import { acquireDataLock } from '../../../electron/main/data-lock.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir || (mode !== 'hold' && mode !== 'exit'))
  throw new Error('usage: hold-data-lock <dataDir> hold|exit');
acquireDataLock(dataDir, 'the lock test helper');
process.stdout.write('locked\n');
if (mode === 'exit') process.exit(0);
setInterval(() => undefined, 60_000);
