// The bytes of a download answer. 3.2 returns a Spring Resource (ResourceHttpMessageConverter picks
// the media type from the file name, the controller quotes the name); 3.3 writes the servlet
// response itself as application/octet-stream with an unquoted name (ResourcesServiceImpl.downloadResource).
import type { Reply } from '../../reply.js';
import type { StorageFs } from './storage-fs.js';
import type { Located } from './storage-layout.js';
import { guavaExtension } from './java-text.js';

/** A few entries of spring-web's mime.types, which ResourceHttpMessageConverter consults by file name. */
const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain', log: 'text/plain', conf: 'text/plain', json: 'application/json', xml: 'application/xml',
  sh: 'application/x-sh', java: 'text/x-java-source', js: 'application/javascript', jar: 'application/java-archive',
  zip: 'application/zip', csv: 'text/csv', html: 'text/html', htm: 'text/html',
};

export type DownloadStyle = 'spring-resource' | 'servlet-octet-stream';

/** Throws StorageError when the file is missing or a directory. */
export async function downloadReply(fs: StorageFs, path: Located, fileName: string, style: DownloadStyle): Promise<Reply> {
  const opened = await fs.open(path);
  // Jetty writes header values as ISO-8859-1: what does not fit becomes "?".
  const headerName = fileName.replace(/[^\x20-\xff]/g, '?');
  const spring = style === 'spring-resource';
  return {
    status: 200,
    headers: {
      'content-type': spring
        ? MEDIA_TYPES[guavaExtension(fileName).toLowerCase()] ?? 'application/octet-stream'
        : 'application/octet-stream;charset=utf-8',
      'content-length': String(opened.size),
      'content-disposition': spring ? `attachment; filename="${headerName}"` : `attachment;filename=${headerName}`,
    },
    body: opened.stream,
  };
}
