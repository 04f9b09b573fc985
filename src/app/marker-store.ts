// Reads and writes the state marker in the remote root through the port.
import { Readable } from 'node:stream';
import { MARKER_NAME, parseMarker, serializeMarker, type Marker } from '../core/marker.js';
import { RemoteError } from '../remote/errors.js';
import type { ResourceCenter } from '../remote/port.js';

/** `unreadable` says what is wrong with a marker file that is there but cannot be read. */
export type MarkerState = { marker: Marker | null; unreadable?: string };

export async function readMarker(center: ResourceCenter): Promise<MarkerState> {
  let content: Buffer;
  try {
    content = await center.download(MARKER_NAME);
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'notFound') return { marker: null };
    throw error;
  }
  const reading = parseMarker(content.toString('utf8'));
  if ('marker' in reading) return { marker: reading.marker };
  return { marker: null, unreadable: reading.invalid };
}

export async function writeMarker(center: ResourceCenter, marker: Marker, exists: boolean): Promise<void> {
  const bytes = Buffer.from(serializeMarker(marker));
  const content = { open: async () => Readable.from([bytes]), size: bytes.length };
  if (exists) await center.update(MARKER_NAME, content);
  else await center.create(MARKER_NAME, content);
}
