export { ConnectionSetupPage, NewConnectionPage } from './connection-setup-page.js';
