import { notify } from '../shell';
import type { GridAction } from '../ui/datagrid';
import { confirmDeletion } from '../ui/modal';

/**
 * A grid's DELETE (or REMOVE) action: confirm the chosen rows by name, delete them one by one,
 * say so when all went, then refresh. Failures stay in the dialog in the server's words.
 */
export function deleteAction<T>(options: {
  title: string;
  /** The rows' kind as the question names it: "project(s)". */
  what: string;
  label: (row: T) => string;
  remove: (row: T) => Promise<void>;
  /** Runs after every attempt, all deleted or not (usually the grid's reload). */
  after: () => void;
  visible?: boolean;
  button?: string;
  notice?: string;
}): GridAction<T> {
  return {
    label: options.button ?? 'DELETE',
    kind: 'danger',
    ...(options.visible === undefined ? {} : { visible: options.visible }),
    enabled: (rows) => rows.length > 0,
    run: (rows) =>
      void confirmDeletion({
        title: options.title,
        what: options.what,
        items: rows,
        label: options.label,
        remove: options.remove,
        done: (allDeleted) => {
          if (allDeleted) notify(options.notice ?? 'Deleted successfully');
          options.after();
        },
      }),
  };
}
