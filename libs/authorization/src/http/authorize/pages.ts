import { escapeHtml, page } from './html';

export function signInPage(options: { csrf: string; returnTo: string; error?: string; email?: string; nonce: string }): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="/signin">
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<input type="hidden" name="return_to" value="${escapeHtml(options.returnTo)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
    options.nonce,
  );
}

export function consentPage(options: { csrf: string; returnTo: string; clientName: string; scopes: readonly string[]; nonce: string }): string {
  return page(
    'Allow access',
    `<h1>Allow ${escapeHtml(options.clientName)}?</h1>
<p>It asks to act for you with these scopes:</p>
<ul>${options.scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('') || '<li>none</li>'}</ul>
<form method="post" action="/consent">
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<input type="hidden" name="return_to" value="${escapeHtml(options.returnTo)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    options.nonce,
  );
}

export function errorPage(oauthException: string, exceptionDetails: string | undefined, nonce: string): string {
  return page(
    'Something went wrong',
    `<h1>Something went wrong</h1><p>The application's request could not be completed.</p>
<p><code>${escapeHtml(oauthException)}</code>${exceptionDetails ? ` <code>${escapeHtml(exceptionDetails)}</code>` : ''}</p>`,
    nonce,
  );
}

export function signedInPage(nonce: string): string {
  return page('Signed in', '<h1>You are signed in</h1><p><a href="/signout">Sign out</a></p>', nonce);
}

/**
 * The popup/iframe flows: the result goes to the opener (or parent) page by postMessage, only to
 * the origin of the client's verified redirect URI.
 */
export function messagePage(message: unknown, targetOrigin: string, nonce: string): string {
  const payload = JSON.stringify(message).replace(/</g, '\\u003c');
  return page(
    'Done',
    `<p>You can close this window.</p>
<script nonce="${nonce}">(function(){var m=${payload};var t=window.opener||window.parent;if(t&&t!==window){t.postMessage(m,${JSON.stringify(targetOrigin)});}if(window.opener){window.close();}})();</script>`,
    nonce,
  );
}
