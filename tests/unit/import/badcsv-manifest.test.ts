// Walks /work/shared/badcsv/manifest.json: every file through previewBytes + createImporter against its expectation.
import { describe, expect, it } from 'vitest';
import { loadManifest, manifestProblems } from './manifest-lib.ts';

/** Files that do not pass yet; each is asserted to still fail, so the list only shrinks honestly. */
const KNOWN_GAPS: string[] = [];

describe('badcsv manifest', () => {
	const entries = loadManifest();
	it('has the 62 files', () => expect(entries.length).toBe(62));
	for (const entry of entries) {
		if (KNOWN_GAPS.includes(entry.file)) {
			it(`${entry.file} (known gap: still fails)`, () => expect(manifestProblems(entry)).not.toEqual([]));
		} else {
			it(entry.file, () => expect(manifestProblems(entry)).toEqual([]));
		}
	}
});

describe('badcsv manifest with the auto-detected mapping (no manual mapping)', () => {
	for (const entry of loadManifest()) {
		if (KNOWN_GAPS.includes(entry.file)) continue;
		it(entry.file, () => expect(manifestProblems(entry, true)).toEqual([]));
	}
});
