// Calls the definitions API from the browser, so requests carry the user's own cookie and go through the
// same endpoints as any other client. Returns { status, body } and never throws on an HTTP error status.
export async function send(method, url, body, contentType) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json, application/xml, application/problem+json' } };
  if (body !== null && body !== undefined) {
    init.body = body;
    init.headers['Content-Type'] = contentType || 'application/xml';
  }
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}
