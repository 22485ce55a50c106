/** One artifact of a repository as retention sees it. Times are epoch milliseconds; 0 = never. */
export interface RetentionCandidate {
  digest: string;
  tags: string[];
  pushedTime: number;
  pulledTime: number;
  /** An immutable tag rule protects one of its tags: retention never deletes it. */
  immutable: boolean;
}
