import { users } from '../api/harbor';
import { commentError, emailError, PASSWORD_RULE, passwordError, realnameError, usernameError } from '../rules';
import { notify } from '../shell';
import { allValid, textField } from '../ui/form';
import { openDialog } from '../ui/modal';

// The New User dialog with Harbor's profile and password rules, checked as the user types;
// the server checks them again and its message is shown when it refuses.

export function openNewUserDialog(created: () => void): void {
  const username = textField({ label: 'Username', name: 'username', validate: (v) => usernameError(v.trim()) });
  const email = textField({ label: 'Email', name: 'email', type: 'email', validate: (v) => emailError(v.trim()) });
  const realname = textField({ label: 'First and last name', name: 'realname', validate: (v) => realnameError(v.trim()) });
  const password = textField({ label: 'Password', name: 'newPassword', type: 'password', hint: PASSWORD_RULE, validate: passwordError });
  const confirm = textField({ label: 'Confirm Password', name: 'confirmPassword', type: 'password', validate: (v) => (v === password.input.value ? undefined : 'Passwords do not match.') });
  const comment = textField({ label: 'Comments', name: 'comment', validate: commentError });
  const fields = [username, email, realname, password, confirm, comment];
  openDialog({
    title: 'New User',
    body: fields.map((f) => f.element),
    valid: () => allValid(fields),
    onOk: async () => {
      await users.create({ username: username.value(), email: email.value(), realname: realname.value(), password: password.input.value, comment: comment.value() });
      notify(`Created user ${username.value()} successfully`);
      created();
    },
  });
}
