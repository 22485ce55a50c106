// The administration entries of the left navigation (system admins only), in Harbor's order,
// after Users. Icons are path data, drawn by the shell.

export interface NavEntry {
  href: string;
  label: string;
  icon: string;
}

/** Logs sits at the top level, under Projects. */
export const LOGS_NAV: NavEntry = { href: '/harbor/logs', label: 'Logs', icon: 'M5 3h10l4 4v14H5zm3 6h8v2H8zm0 4h8v2H8zm0 4h5v2H8z' };

export const ADMIN_NAV: readonly NavEntry[] = [
  { href: '/harbor/robot-accounts', label: 'Robot Accounts', icon: 'M7 7h10a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3v-7a3 3 0 0 1 3-3zm4-5h2v5h-2zm-2 9a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z' },
  { href: '/harbor/labels', label: 'Labels', icon: 'M3 3h9l9 9-9 9-9-9zm4 2.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z' },
  { href: '/harbor/clearing-job', label: 'Clean Up', icon: 'M9 3h6v2h5v2H4V5h5zM6 9h12l-1 12H7z' },
  { href: '/harbor/configs', label: 'Configuration', icon: 'M10 2h4l1 3 3-1 2 3-2 2v2l2 2-2 3-3-1-1 3h-4l-1-3-3 1-2-3 2-2v-2L4 7l2-3 3 1zm2 7a3 3 0 1 0 0 6 3 3 0 0 0 0-6z' },
];
