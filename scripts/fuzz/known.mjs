// Failures the fuzzer finds that are known and handed over, each with its
// reason: counted and listed in the report, never silenced; an entry goes
// once its bug is fixed. Each entry: { check, test(failure, kase), reason }.
const BUILT_IN_ASSETS = ['assets/style.css', 'assets/fines.js', 'assets/search.js'];

export const KNOWN = [
  {
    check: 'build-threw',
    // templates/assets/style.css/x: a site asset inside what a built-in asset makes a file.
    test: (failure, kase) =>
      /EEXIST|ENOTDIR/.test(failure.message) &&
      [...kase.tree.keys()].some((p) =>
        BUILT_IN_ASSETS.some((a) => p.startsWith(`templates/${a}/`)),
      ),
    reason:
      'a site asset under a path the built-in theme writes as a file (templates/assets/style.css/x) fails the build ' +
      'with an output error (exit 2, "cannot write … EEXIST") instead of a diagnostic; theme assets are not checked ' +
      'against each other in siteAddressConflicts (src/engine/addresses.ts), and the diagnostic needs a code: handed over',
  },
];

/** The reason a failure is known, or undefined. */
export function knownFailure(failure, kase) {
  return KNOWN.find((k) => k.check === failure.check && k.test(failure, kase))?.reason;
}
