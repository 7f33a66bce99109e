/**
 * Files chosen in the editor's media library, checked in the browser before Decap CMS sends them (rules:
 * src/lib/editor/uploads.ts): a file over the size limit, or whose bytes are not what its name says, is refused at
 * once with its own message; a file named in Chinese is renamed to its pinyin (Decap would keep only the Latin
 * letters: 宣传周现场.jpg became `.jpg`). Large photos pass and are made smaller by the server.
 */
import { ATTACHMENT_TYPES, fileTypeProblem, type ByteReader } from '../../lib/content/file-kinds.ts';
import { mediaFileName, tooLargeMessage, UPLOAD_LIMITS } from '../../lib/editor/uploads.ts';
import { showNotice } from './notices.ts';

/** Change events this module sends on again after its checks: not checked twice. */
const checked = new WeakSet<Event>();

/** Why a chosen file is refused before sending, or null. */
async function refusal(file: File, name: string): Promise<string | null> {
  if (file.size > UPLOAD_LIMITS.maxBytes) return tooLargeMessage(file.name, file.size);
  // The first bytes say what the file is: the same check as the server's (file-kinds.ts), for any attachment type.
  const head = new Uint8Array(await file.slice(0, 128).arrayBuffer());
  const reader: ByteReader = { size: file.size, read: (offset, length) => head.subarray(offset, offset + length) };
  const problem = fileTypeProblem(name, reader, ATTACHMENT_TYPES, '上传的文件');
  // A ZIP-based document is told apart by its central directory at the end: the server reads the whole file.
  if (!problem || /\.(docx|xlsx|pptx|odt|ods|odp|zip)$/.test(name)) return null;
  return `“${file.name}”：${problem}`;
}

/** Checks and renames the files of every file input before Decap's own handler sees them. */
export function watchUploads(): void {
  window.addEventListener(
    'change',
    (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'file' || checked.has(event)) return;
      const files = [...(input.files ?? [])];
      if (files.length === 0) return;
      event.stopImmediatePropagation();
      void (async () => {
        const names = files.map((file) => mediaFileName(file.name));
        const problems = (await Promise.all(files.map((file, index) => refusal(file, names[index]!)))).filter(
          (problem): problem is string => problem !== null,
        );
        if (problems.length > 0) {
          input.value = '';
          showNotice('没有上传：', problems);
          return;
        }
        const renamed = new DataTransfer();
        files.forEach((file, index) =>
          renamed.items.add(new File([file], names[index]!, { type: file.type, lastModified: file.lastModified })),
        );
        input.files = renamed.files;
        const again = new Event('change', { bubbles: true });
        checked.add(again);
        input.dispatchEvent(again);
      })();
    },
    true,
  );
}

/** Decap asks before replacing a file of the same name, in English: the same question in Chinese. */
export function chineseReplaceQuestion(): void {
  const confirm = window.confirm.bind(window);
  window.confirm = (message?: string) => {
    const match = /^(.*) already exists\. Do you want to replace it\?$/.exec(String(message ?? ''));
    return confirm(
      match ? `媒体库里已经有“${match[1]}”。要用刚选择的文件替换它吗？（替换后，用到它的页面都会显示新文件）` : message,
    );
  };
}
