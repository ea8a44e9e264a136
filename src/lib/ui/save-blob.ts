/** Saves a Blob (e.g. a workspace backup) as a download through a temporary <a download> element. */
export function saveBlobFile(fileName: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// A large backup may take a moment to start writing: keep the URL alive a while.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
