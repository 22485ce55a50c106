import { account } from '../../api/admin';
import { commentError, emailError, PASSWORD_RULE, passwordError, realnameError } from '../../rules';
import type { SignedIn } from '../../session';
import { notify } from '../../shell';
import { allValid, textField } from '../../ui/form';
import { openDialog } from '../../ui/modal';

// The user menu's own-account dialogs: User Profile (email, name, comment) and Change
// Password, which proves the current password. The server checks both again; its refusal
// (a wrong current password, say) stays in the dialog.

export function openProfileDialog(who: SignedIn): void {
  const user = who.user;
  const username = textField({ label: 'Username', name: 'profile_username', value: user.username, attrs: { readonly: '' } });
  const email = textField({ label: 'Email', name: 'profile_email', type: 'email', value: user.email, validate: (v) => emailError(v.trim()) });
  const realname = textField({ label: 'First and last name', name: 'profile_realname', value: user.realname, validate: (v) => realnameError(v.trim()) });
  const comment = textField({ label: 'Comments', name: 'profile_comment', value: user.comment, validate: commentError });
  const fields = [email, realname, comment];
  openDialog({
    title: 'User Profile',
    body: [username.element, ...fields.map((f) => f.element)],
    valid: () => allValid(fields),
    onOk: async () => {
      const profile = { email: email.value(), realname: realname.value(), comment: comment.value() };
      await account.updateProfile(user.user_id, profile);
      Object.assign(user, profile);
      notify('Saved successfully');
    },
  });
}

export function openPasswordDialog(who: SignedIn): void {
  const current = textField({ label: 'Current Password', name: 'old_password', type: 'password', validate: (v) => (v ? undefined : 'Current password is required.') });
  const next = textField({ label: 'New Password', name: 'new_password', type: 'password', hint: PASSWORD_RULE, validate: passwordError });
  const confirm = textField({ label: 'Confirm Password', name: 'confirm_password', type: 'password', validate: (v) => (v === next.input.value ? undefined : 'Passwords do not match.') });
  const fields = [current, next, confirm];
  openDialog({
    title: 'Change Password',
    body: fields.map((f) => f.element),
    okLabel: 'SAVE',
    // Untouched fields are empty, hence invalid: SAVE stays disabled until all three are filled.
    valid: () => allValid(fields),
    onOk: async () => {
      await account.changePassword(who.user.user_id, current.input.value, next.input.value);
      notify('Password changed successfully');
    },
  });
}
