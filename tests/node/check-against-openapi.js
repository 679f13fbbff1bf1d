#!/usr/bin/env node
// check-against-openapi.js: every answer of a newman run, held against the
// OpenAPI document it was generated from.
//
// Copyright 2026 The Storekeeper authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node check-against-openapi.js OPENAPI.json NEWMAN-REPORT.json
//
// For each request of the run: the answer must be a 2xx, its status must be
// declared for that path and method, its media type must be one the
// document declares for that status, and a JSON body must validate against
// the declared schema. Prints one TAP line per request and exits 1 on any
// failure.
'use strict';

const fs = require('fs');
const Ajv = require('ajv');

const [docPath, reportPath] = process.argv.slice(2);
if (!docPath || !reportPath) {
  console.error('usage: check-against-openapi.js OPENAPI.json NEWMAN-REPORT.json');
  process.exit(2);
}

const doc = JSON.parse(fs.readFileSync(docPath, 'utf8'));
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));

// OpenAPI 3.0 schemas are JSON Schema with a few keywords of their own;
// ajv knows "nullable" and is told to ignore "example".
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(doc, 'doc');

const escapePointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// The document's path template that a concrete path matches.
function findTemplate(path) {
  for (const template of Object.keys(doc.paths)) {
    const pattern = '^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$';
    if (new RegExp(pattern).test(path))
      return template;
  }
  return null;
}

function deref(node) {
  while (node && node.$ref) {
    const parts = node.$ref.replace(/^#\//, '').split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = parts.reduce((n, p) => (n ? n[p] : undefined), doc);
  }
  return node;
}

function bodyText(stream) {
  if (!stream)
    return '';
  if (stream.type === 'Buffer' && Array.isArray(stream.data))
    return Buffer.from(stream.data).toString('utf8');
  return String(stream);
}

let n = 0;
let failed = 0;
const executions = report.run.executions;
console.log(`1..${executions.length}`);

for (const ex of executions) {
  n++;
  const name = ex.item.name;
  const req = ex.request;
  const method = req.method.toLowerCase();
  const path = '/' + (req.url.path || []).join('/');
  const problems = [];
  const res = ex.response;

  if (!res) {
    problems.push(`no answer (${ex.requestError ? ex.requestError.message : 'unknown error'})`);
  } else {
    const status = String(res.code);
    const template = findTemplate(path);
    const operation = template ? doc.paths[template][method] : null;

    if (res.code < 200 || res.code > 299)
      problems.push(`status ${status}: ${bodyText(res.stream).slice(0, 200)}`);
    if (!operation) {
      problems.push(`${method.toUpperCase()} ${path} is not in the document`);
    } else {
      const declared = deref(operation.responses[status] || operation.responses.default);
      if (!declared) {
        problems.push(`status ${status} is not declared for ${method.toUpperCase()} ${template}`);
      } else {
        const header = (res.header || []).find((h) => h.key.toLowerCase() === 'content-type');
        const mediaType = header ? header.value.split(';')[0].trim().toLowerCase() : null;
        const content = declared.content || {};
        if (Object.keys(content).length === 0) {
          if (bodyText(res.stream).length > 0)
            problems.push('a body came where the document declares none');
        } else if (!mediaType || !content[mediaType]) {
          problems.push(`media type ${mediaType} is not declared (declared: ${Object.keys(content).join(', ')})`);
        } else if (mediaType === 'application/json' && content[mediaType].schema) {
          const pointer = ['paths', template, method, 'responses',
            operation.responses[status] ? status : 'default'].map(escapePointer).join('/');
          let where = `doc#/${pointer}`;
          // follow a $ref'd response object to its own content
          if (operation.responses[status] && operation.responses[status].$ref)
            where = 'doc' + operation.responses[status].$ref;
          const validate = ajv.compile({ $ref: `${where}/content/application~1json/schema` });
          let body;
          try {
            body = JSON.parse(bodyText(res.stream));
          } catch (e) {
            problems.push(`the body is not JSON: ${e.message}`);
          }
          if (body !== undefined && !validate(body))
            problems.push('the body does not match the declared schema: ' +
                          ajv.errorsText(validate.errors));
        }
      }
    }
  }

  const label = `${req.method} ${path} (${name})`;
  if (problems.length === 0) {
    console.log(`ok ${n} - ${label} -> ${res.code}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${label}`);
    for (const p of problems)
      console.log(`# ${p}`);
  }
}

process.exit(failed ? 1 : 0);
