import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The workflows: this repository publishes its own site with the very files
 * `gazette init` writes, runs npm test for contributors on the oldest Node.js
 * that engines allows and on the current LTS, and no workflow names an action
 * at a major that runs on the Node.js 20 runtime.
 */

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

type Workflow = {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      strategy?: { matrix: { node: string[] } };
      steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
    }
  >;
};

describe('the workflows', () => {
  it('publish and check this repository with the files gazette init writes', () => {
    for (const name of ['publish.yml', 'check.yml']) {
      expect(read(`.github/workflows/${name}`), name).toBe(
        read(`starter/github/workflows/${name}`),
      );
    }
  });

  it('run npm test on pull requests, on the engines floor and the current LTS', () => {
    const test = parse(read('.github/workflows/test.yml')) as Workflow;
    expect(Object.keys(test.on)).toContain('pull_request');
    const job = test.jobs.test!;
    expect(job.steps.map((s) => s.run).filter(Boolean)).toEqual([
      'npm ci --no-audit --no-fund',
      'npm test',
    ]);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines;
    expect(engines.node).toBe('>=20.19');
    expect(job.strategy!.matrix.node).toEqual(['20.19.0', 'lts/*']);
    const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(setup?.with?.['node-version']).toBe('${{ matrix.node }}');
  });

  it('use Node.js 24 and actions at majors that run on Node.js 24', () => {
    const files = [
      ...readdirSync(new URL('../.github/workflows/', import.meta.url)).map(
        (f) => `.github/workflows/${f}`,
      ),
      ...readdirSync(new URL('../starter/github/workflows/', import.meta.url)).map(
        (f) => `starter/github/workflows/${f}`,
      ),
    ];
    const current = new Map([
      ['actions/checkout', 'v7'],
      ['actions/setup-node', 'v7'],
      ['actions/cache/restore', 'v6'],
      ['actions/cache/save', 'v6'],
      ['actions/upload-pages-artifact', 'v5'],
      ['actions/deploy-pages', 'v5'],
    ]);
    for (const file of files) {
      const workflow = parse(read(file)) as Workflow;
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps) {
          if (step.uses) {
            const [action, major] = step.uses.split('@');
            expect(current.get(action!), `${file}: ${step.uses}`).toBe(major);
          }
          const node = step.with?.['node-version'];
          if (node !== undefined && file !== '.github/workflows/test.yml')
            expect(node, file).toBe('lts/*');
        }
      }
    }
    expect(read('README.md')).not.toMatch(/NODE_VERSION\W+20\b/);
  });
});
