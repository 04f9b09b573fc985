// A Resource Center adapter together with the HTTP client its caller built for it. Adapters never close the
// client they are given (the generation's detection may have used it first); whoever built the client hands
// out this pair, and closing the pair closes the adapter, then the client.
import type { AnsweredFacts } from '../core/file-identity.js';
import type { DsHttp } from './http.js';
import type { CreateOptions, ListOptions, OpenSink, ResourceCenter, UnprovenWrite, UploadContent } from './port.js';

/** The adapter together with the HTTP client its caller built for it: closing it closes both. */
export class ClientOwner implements ResourceCenter {
  readonly capabilities;

  /** `http` is also what a reference scan reads workflows through (src/references/open.ts). */
  constructor(private readonly center: ResourceCenter, readonly http: DsHttp) {
    this.capabilities = center.capabilities;
  }

  describe(): string { return this.center.describe(); }
  fullNameLength(path: string): number { return this.center.fullNameLength(path); }
  connect(): Promise<void> { return this.center.connect(); }
  list(options: ListOptions) { return this.center.list(options); }
  mkdir(path: string): Promise<void> { return this.center.mkdir(path); }
  create(path: string, content: UploadContent, options?: CreateOptions): Promise<AnsweredFacts | undefined> { return this.center.create(path, content, options); }
  confirmWrites(): Promise<UnprovenWrite[]> { return this.center.confirmWrites(); }
  update(path: string, content: UploadContent): Promise<AnsweredFacts | undefined> { return this.center.update(path, content); }
  rename(from: string, to: string): Promise<AnsweredFacts | undefined> { return this.center.rename(from, to); }
  remove(path: string, kind: 'file' | 'dir'): Promise<void> { return this.center.remove(path, kind); }
  download(path: string): Promise<Buffer> { return this.center.download(path); }
  downloadTo(path: string, openSink: OpenSink): Promise<void> { return this.center.downloadTo(path, openSink); }
  get referenceKey(): ((path: string) => Promise<string | undefined>) | undefined {
    const inner = this.center;
    return inner.referenceKey && ((path) => inner.referenceKey?.(path) ?? Promise.resolve(undefined));
  }

  async close(): Promise<void> {
    try {
      await this.center.close();
    } finally {
      this.http.close();
    }
  }
}
