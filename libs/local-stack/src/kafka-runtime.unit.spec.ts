import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveKafkaRuntime } from './local-kafka';

/**
 * resolveKafkaRuntime with a stand-in `mvn` on PATH that counts its runs and writes one jar slowly: concurrent
 * callers (three nodes of a cluster, a test run beside npm start) must never see a half-written folder.
 */
describe('resolveKafkaRuntime', () => {
  let dir: string;
  let path: string | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-runtime-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const mvn = join(bin, 'mvn');
    // Writes the jar in two steps, a moment apart, into -DoutputDirectory=<folder>.
    writeFileSync(
      mvn,
      `#!/bin/sh\necho run >> "${join(dir, 'runs')}"\nfor a in "$@"; do case "$a" in -DoutputDirectory=*) out="\${a#-DoutputDirectory=}";; esac; done\nmkdir -p "$out"\nprintf half > "$out/kafka.jar"\nsleep 0.3\nprintf whole > "$out/kafka.jar"\n`,
    );
    chmodSync(mvn, 0o755);
    path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
  });
  afterEach(() => {
    process.env.PATH = path;
    rmSync(dir, { recursive: true, force: true });
  });

  const runs = () => readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n').length;

  it('resolves once for concurrent callers in one process, and every caller gets the whole folder', async () => {
    const cache = join(dir, 'cache');
    const folders = await Promise.all([
      resolveKafkaRuntime(cache, '9.9.9'),
      resolveKafkaRuntime(cache, '9.9.9'),
      resolveKafkaRuntime(cache, '9.9.9'),
    ]);
    expect(new Set(folders)).toEqual(new Set([join(cache, '9.9.9', 'libs')]));
    expect(readFileSync(join(folders[0], 'kafka.jar'), 'utf8')).toBe('whole');
    expect(runs()).toBe(1);
    expect(readdirSync(cache)).toEqual(['9.9.9']); // no staging folder left behind
  });

  it('leaves a whole folder when two processes resolve at once, and replaces an unfinished one', async () => {
    const cache = join(dir, 'cache');
    // An unfinished folder, as an interrupted resolution of older code left it: an empty pom.xml and no marker.
    mkdirSync(join(cache, '9.9.8'), { recursive: true });
    writeFileSync(join(cache, '9.9.8', 'pom.xml'), '');
    const script = `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(join(__dirname, 'local-kafka.ts'))}).resolveKafkaRuntime(${JSON.stringify(cache)}, '9.9.8').then((f) => process.stdout.write(require('node:fs').readFileSync(f + '/kafka.jar', 'utf8')))`;
    const child = () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ['-e', script], { env: process.env });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    expect(await Promise.all([child(), child()])).toEqual(['whole', 'whole']);
    expect(existsSync(join(cache, '9.9.8', 'resolved'))).toBe(true);
    expect(readdirSync(cache)).toEqual(['9.9.8']);
  }, 60_000);
});
