import { describe, expect, it } from 'vitest';
import { signInErrorText } from './sign-in-error.js';

describe('signInErrorText', () => {
  it('says the credentials are wrong without naming which one', () => {
    expect(signInErrorText({ status: 401, code: 'invalid_credentials', details: undefined })).toBe('Email or password is wrong');
  });

  it('tells how long to wait when rate limited', () => {
    expect(signInErrorText({ status: 429, code: 'rate_limited', details: { retryAfterSeconds: 610 } })).toBe('Too many failed sign-ins. Wait 11 min and try again.');
    expect(signInErrorText({ status: 429, code: 'rate_limited', details: undefined })).toBe('Too many failed sign-ins. Wait a few minutes and try again.');
  });

  it('blames the server, not the person, when it is unreachable', () => {
    expect(signInErrorText(null)).toMatch(/could not be reached/);
    expect(signInErrorText({ status: 502, code: 'http_error', details: undefined })).toMatch(/could not be reached/);
  });
});
