import { layout, ROOT } from '../layout';

/** The directories garbage collection removes whole; derived from the layout, never joined by hand elsewhere. */
export const gcLayout = {
  /** `blobs/`: one `<alg>/<hex[0:2]>/<hex>/data` per stored blob. */
  blobsRoot: `${ROOT}/blobs`,
  /** The directory holding a blob's `data` file (removing it removes the blob). */
  blobDir(digest: string): string {
    const data = layout.blobData(digest);
    return data.slice(0, data.lastIndexOf('/'));
  },
} as const;
