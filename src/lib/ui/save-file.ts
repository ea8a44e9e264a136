/** Saves text as a download through a temporary <a download> element (nothing leaves the browser). */
import { saveBlobFile } from './save-blob';

export function saveTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
	saveBlobFile(fileName, new Blob([text], { type }));
}
