import {
  commentError, emailError, PASSWORD_RULE, passwordError, projectNameError, realnameError, robotNameError, storageLimitBytes, storageLimitError, usernameError,
} from '../../web/src/rules';

// The portal's copies of Harbor's input rules; the server has the same ones (apps/core).

describe('project and robot names', () => {
  it('take lower case words joined by single . _ or -', () => {
    for (const ok of ['web', 'web-team', 'a.b_c-d', '0day']) expect(projectNameError(ok)).toBeUndefined();
    expect(projectNameError('')).toBe('Project name is required.');
    for (const bad of ['Web', 'web--team', '-web', 'web.', 'we b', 'a/b']) expect(projectNameError(bad)).toMatch(/lower case characters/);
    expect(projectNameError('a'.repeat(256))).toMatch(/at most 255/);
    expect(robotNameError('ci')).toBeUndefined();
    expect(robotNameError('team+ci')).toMatch(/lower case/);
  });
});

describe('user profile', () => {
  it('refuses Harbor\'s special characters and bad e-mail addresses', () => {
    expect(usernameError('alice')).toBeUndefined();
    expect(usernameError('<b>markup</b>')).toBeUndefined(); // allowed by Harbor; rendered as text
    for (const c of [',', '"', '~', '#', '$', '%']) expect(usernameError(`a${c}b`)).toMatch(/special characters/);
    expect(realnameError('Ann "Bee"')).toBeUndefined();
    expect(realnameError('a#b')).toMatch(/special characters/);
    expect(emailError('ann@example.com')).toBeUndefined();
    for (const bad of ['ann', 'ann@', 'ann@example', 'a b@example.com']) expect(emailError(bad)).toMatch(/valid email/);
    expect(commentError('x'.repeat(30))).toBeUndefined();
    expect(commentError('x'.repeat(31))).toMatch(/30 characters/);
  });

  it('asks for 8 to 128 characters with upper case, lower case and a digit', () => {
    expect(passwordError('Harbor12345')).toBeUndefined();
    for (const bad of ['Short1a', 'alllower1', 'ALLUPPER1', 'NoDigitsHere', `A1${'a'.repeat(127)}`]) expect(passwordError(bad)).toBe(PASSWORD_RULE);
  });
});

describe('storage limit', () => {
  it('is -1 or a positive integer of the unit, at most 1024 TiB', () => {
    expect(storageLimitError('-1', 'GiB')).toBeUndefined();
    expect(storageLimitError('10', 'GiB')).toBeUndefined();
    expect(storageLimitError('1024', 'TiB')).toBeUndefined();
    for (const bad of ['', '0', '-2', '1.5', 'ten']) expect(storageLimitError(bad, 'GiB')).toMatch(/-1 \(unlimited\) or a positive integer/);
    expect(storageLimitError('1025', 'TiB')).toMatch(/1024 TiB/);
    expect(storageLimitBytes('10', 'GiB')).toBe(10 * 1024 * 1024 * 1024);
    expect(storageLimitBytes('3', 'MiB')).toBe(3 * 1024 * 1024);
    expect(storageLimitBytes('-1', 'TiB')).toBe(-1);
  });
});
