// Calls Tongguan's HTTP API from the browser, so requests carry the user's own cookie and pass the same
// authentication, role and org-scope rules as any other client. Never throws on an HTTP error status:
// the caller gets { status, body, contentType } and decides.
export async function send(method, url, body, contentType) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json, text/plain' },
  };
  if (body !== null && body !== undefined) {
    init.body = body;
    init.headers['Content-Type'] = contentType || 'application/json';
  }
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text(), contentType: response.headers.get('Content-Type') || '' };
}

// Posts the files chosen in an <input type="file"> (by element reference) plus plain fields as multipart/form-data.
// The file bytes go straight from the browser to the API; they never pass through the Blazor circuit.
export async function upload(url, input, fileField, fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields || {})) {
    if (value !== null && value !== undefined) {
      form.append(name, value);
    }
  }
  if (input && input.files) {
    for (const file of input.files) {
      form.append(fileField || 'file', file, file.name);
    }
  }
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin', body: form, headers: { Accept: 'application/json, application/problem+json' } });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('Content-Type') || '' };
}

// Starts a download of an API resource (CSV, XLSX, XES) with the user's cookie.
export function download(url) {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
