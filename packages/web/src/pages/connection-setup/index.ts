import { createElement } from 'react';

// Placeholder routes until the connection setup pages land here (they replace this file).
function Placeholder({ title }: { readonly title: string }) {
  return createElement('div', null, createElement('h1', null, title), createElement('p', { className: 'muted' }, 'The connection setup page is being built.'));
}

export function ConnectionSetupPage() {
  return createElement(Placeholder, { title: 'Connection setup' });
}

export function NewConnectionPage() {
  return createElement(Placeholder, { title: 'New connection' });
}
