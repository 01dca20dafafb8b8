// Failures the fuzzer finds that are known and handed over, each with its
// reason: counted and listed in the report, never silenced; an entry goes
// once its bug is fixed. Each entry: { check, test(failure, kase), reason }.
export const KNOWN = [];

/** The reason a failure is known, or undefined. */
export function knownFailure(failure, kase) {
  return KNOWN.find((k) => k.check === failure.check && k.test(failure, kase))?.reason;
}
