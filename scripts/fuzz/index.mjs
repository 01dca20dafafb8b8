// The fuzzer as a library, for its own test (test/fuzz.test.ts) and for
// anyone who runs it against other targets: see scripts/fuzz.mjs for the
// command line.
export { baseTree } from './base.mjs';
export { makeCase, OPS } from './cases.mjs';
export { inProcess, loadTargets, onWorker } from './executor.mjs';
export { fuzz } from './run.mjs';
export { file, textOf } from './tree.mjs';
