// docs.js: builds /docs from /openapi.json, with a form per endpoint.
// No external scripts or fonts; everything is inserted with textContent.
'use strict';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'text')
      node.textContent = value;
    else if (value !== undefined && value !== null && value !== false)
      node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children)
    if (child)
      node.append(child);
  return node;
}

function resolve(doc, obj) {
  while (obj && obj.$ref) {
    const parts = obj.$ref.replace(/^#\//, '').split('/');
    obj = parts.reduce((o, key) => (o ? o[key] : undefined), doc);
  }
  return obj;
}

function paramInput(doc, param) {
  const schema = resolve(doc, param.schema) || {};
  let input;
  if (schema.enum) {
    input = el('select', { name: param.name });
    input.append(el('option', { value: '', text: '' }));
    for (const v of schema.enum)
      input.append(el('option', { value: v, text: v }));
  } else {
    input = el('input', {
      name: param.name,
      type: schema.type === 'integer' ? 'number' : 'text',
      min: schema.minimum, max: schema.maximum,
      placeholder: param.example !== undefined ? String(param.example)
        : (schema.default !== undefined ? String(schema.default) : ''),
      required: param.required,
      spellcheck: 'false',
    });
  }
  const label = el('label', {}, `${param.name} (${param.in}${param.required ? ', required' : ''}) `, input);
  if (param.description)
    label.append(el('span', { class: 'hint', text: ' ' + param.description }));
  return label;
}

async function send(form, path, method, op, doc, out) {
  let url = path;
  const query = new URLSearchParams();
  for (const param of op.parameters || []) {
    const value = form.elements[param.name].value.trim();
    if (param.in === 'path') {
      if (!value) {
        out.textContent = `${param.name} is required`;
        return;
      }
      url = url.replace(`{${param.name}}`, encodeURIComponent(value));
    } else if (param.in === 'query' && value !== '') {
      query.set(param.name, value);
    }
  }
  if ([...query].length)
    url += '?' + query.toString();

  const headers = {};
  const key = document.getElementById('api-key').value.trim();
  const token = document.getElementById('local-token').value.trim();
  if (key)
    headers['x-openai-api-key'] = key;
  else if (token)
    headers['Authorization'] = 'Bearer ' + token;

  const init = { method: method.toUpperCase(), headers, credentials: 'omit', cache: 'no-store' };
  if (op.requestBody) {
    headers['Content-Type'] = 'application/json';
    init.body = form.elements.body.value;
  }

  out.textContent = `${init.method} ${url} …`;
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      // not JSON: show as is
    }
    out.textContent = '';
    out.append(el('span', { class: 'status', text: `${response.status} ${response.statusText}` }),
               ` in ${Math.round(performance.now() - started)} ms\n\n${shown}`);
  } catch (e) {
    out.textContent = `Request failed: ${e}`;
  }
}

function operation(doc, path, method, op) {
  const details = el('details', { class: 'op', id: op.operationId });
  details.append(el('summary', {},
    el('span', { class: `method ${method}`, text: method.toUpperCase() }),
    path,
    el('span', { class: 'summary', text: op.summary || '' })));

  const form = el('form', { class: 'try', autocomplete: 'off' });
  for (const param of op.parameters || [])
    form.append(paramInput(doc, resolve(doc, param)));

  if (op.requestBody) {
    const media = resolve(doc, op.requestBody).content['application/json'];
    const example = media.example !== undefined ? JSON.stringify(media.example, null, 2) : '{}';
    const area = el('textarea', { name: 'body', spellcheck: 'false' });
    area.value = example;
    form.append(el('label', {}, 'Body (application/json)', area));
  }

  const out = el('pre', { class: 'result' });
  form.append(el('button', { type: 'submit', text: 'Send' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(form, path, method, op, doc, out);
  });

  const codes = Object.entries(op.responses || {}).map(([code, r]) =>
    `${code}: ${(resolve(doc, r) || {}).description || ''}`);
  details.append(form, out, el('div', { class: 'responses', text: 'Responses — ' + codes.join(' · ') }));
  return details;
}

async function main() {
  const main = document.getElementById('operations');
  let doc;
  try {
    const response = await fetch('/openapi.json', { credentials: 'omit' });
    doc = await response.json();
  } catch (e) {
    document.getElementById('description').textContent = `Cannot load /openapi.json: ${e}`;
    return;
  }

  document.getElementById('title').textContent = `${doc.info.title} ${doc.info.version}`;
  document.getElementById('description').textContent = doc.info.description || '';

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'delete', 'post', 'put', 'patch']) {
      if (item[method])
        main.append(operation(doc, path, method, item[method]));
    }
  }
}

main();
