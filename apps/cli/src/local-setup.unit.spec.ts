import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAdminKey, readLocalStack, removeLocalStack, writeLocalStack, type LocalStackRecord } from './local-setup';

describe("the CLI finds the running npm start's API and admin key", () => {
  let dir: string;
  let record: LocalStackRecord;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tm-local-setup-'));
    writeFileSync(join(dir, 'bootstrap-admin-key'), 'tm_0000_data-dir-key\n');
    record = { pid: process.pid, apiUrl: 'http://127.0.0.1:4100', ports: {}, adminKeyFile: join(dir, 'bootstrap-admin-key'), dataDir: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the key of the recorded --data-dir for that API, and never for another host or port's", () => {
    const file = join(dir, 'running-stack.json');
    writeLocalStack(file, record);
    const stack = readLocalStack(file);
    expect(stack).toEqual(record);
    expect(localAdminKey('http://127.0.0.1:4100', stack, dir)).toBe('tm_0000_data-dir-key');
    expect(localAdminKey('http://localhost:4100/', stack, dir)).toBe('tm_0000_data-dir-key');
    expect(localAdminKey('http://127.0.0.1:3000', stack, dir)).toBeUndefined(); // no .local/dev key under dir
    expect(localAdminKey('https://api.example.org:4100', stack, dir)).toBeUndefined();
  });

  it('ignores a record whose npm start is gone, and removes only its own', () => {
    const file = join(dir, 'running-stack.json');
    writeLocalStack(file, { ...record, pid: 2 ** 22 + 1 }); // above Linux's pid_max: no such process
    expect(readLocalStack(file)).toBeUndefined();
    removeLocalStack(file);
    expect(readLocalStack(join(dir, 'none.json'))).toBeUndefined();
    writeLocalStack(file, record);
    removeLocalStack(file, process.pid + 1);
    expect(readLocalStack(file)).toEqual(record);
    removeLocalStack(file);
    expect(readLocalStack(file)).toBeUndefined();
  });
});
