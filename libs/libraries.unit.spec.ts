import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The maps of the house agree with libs/libraries.json (the graph eslint enforces): tsconfig.json's paths, nest-cli.json's
 * projects and the README's library table list every library and nothing else, and the graph has no cycle.
 */
const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const { libraries } = JSON.parse(read('libs/libraries.json')) as { libraries: Record<string, { holds: string; dependsOn: string[] }> };
const names = Object.keys(libraries).sort();

describe('the library map (libs/libraries.json)', () => {
  it('lists every folder under libs/, and each dependency is a listed library', () => {
    expect(names).toEqual(
      readdirSync(join(root, 'libs'), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    );
    for (const [name, { dependsOn }] of Object.entries(libraries))
      for (const d of dependsOn) expect([name, names.includes(d)]).toEqual([name, true]);
  });

  it('is acyclic', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`library cycle: ${[...path, name].join(' → ')}`);
      state.set(name, 'visiting');
      for (const d of libraries[name]!.dependsOn) visit(d, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of names) visit(name, []);
  });

  it('agrees with tsconfig.json paths', () => {
    const paths = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    expect(Object.entries(paths).sort()).toEqual(names.map((n) => [`@tm/${n}`, [`libs/${n}/src`]]));
  });

  it('agrees with nest-cli.json: one library project per library, one application per app with a main.ts', () => {
    const projects = (JSON.parse(read('nest-cli.json')) as { projects: Record<string, { type: string; root: string; sourceRoot: string }> })
      .projects;
    const libraryProjects = Object.entries(projects).filter(([, p]) => p.type === 'library');
    expect(libraryProjects.map(([key, p]) => [key, p.root, p.sourceRoot]).sort()).toEqual(
      names.map((n) => [`@tm/${n}`, `libs/${n}`, `libs/${n}/src`]),
    );
    const apps = readdirSync(join(root, 'apps')).filter((app) => readdirSync(join(root, 'apps', app, 'src')).includes('main.ts'));
    expect(
      Object.entries(projects)
        .filter(([, p]) => p.type === 'application')
        .map(([key, p]) => [key, p.root])
        .sort(),
    ).toEqual(apps.sort().map((a) => [a, `apps/${a}`]));
  });

  it("agrees with the README's library table", () => {
    const table = /Shared code lives in `libs\/`[^\n]*\n\n((?:\|[^\n]*\n)+)/.exec(read('README.md'))?.[1] ?? '';
    const rows = table
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((row) => /^\| `@tm\/([a-z-]+)` \|/.exec(row)?.[1]);
    expect(rows.sort()).toEqual(names);
  });
});
