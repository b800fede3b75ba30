// The JavaScript resource classes, written out from the operations' declarations: one method per
// operation, with its JSDoc, so that an editor jumps from `auth.domains.add` to its code. Each
// method places its arguments where its declaration says (`target`, `input`, `field`, `list`)
// and calls its owner's `call(name, target, input, requestOptions, secrets)`. The flows in
// HAND_WRITTEN are written by hand in js/resources/, beside these.

/** Methods written by hand: flows with a callback or a plan, over their declared operation. */
export const HAND_WRITTEN = new Set(['apiKeys.rotate', 'orgApiKeys.rotate', 'branchAuth.apply']);

/**
 * The owners of generated methods: the class, the name prefix its operations share, and the doc.
 * `apiKeys` serves `orgApiKeys` too (the same declarations): it takes its owner's name.
 */
export const OWNERS = [
  { file: 'operations.generated.mjs', prefix: '', className: 'AccountMethods', doc: 'The operations of the client itself.' },
  { file: 'operations.generated.mjs', prefix: 'projects.', className: 'ProjectsMethods', doc: '`neon.projects`.' },
  { file: 'operations.generated.mjs', prefix: 'branches.', className: 'BranchesMethods', doc: '`neon.branches(projectId)`.' },
  { file: 'operations.generated.mjs', prefix: 'apiKeys.', className: 'ApiKeysMethods', doc: '`neon.apiKeys` and `neon.orgApiKeys(orgId)`: the same methods.', named: true },
  { file: 'branch-auth.generated.mjs', prefix: 'branchAuth.', className: 'BranchAuthMethods', doc: '`neon.branchAuth(projectId, branch)`.' },
  { file: 'credentials.generated.mjs', prefix: 'credentials.', className: 'CredentialsMethods', doc: '`neon.credentials(projectId, branch)`: the credentials of a branch (Beta).' },
];

const pascal = (name) => name[0].toUpperCase() + name.slice(1);

/** A JSDoc block of `doc` and `op`'s parameters, at `indent`. */
function jsDoc(op, indent) {
  const lines = op.doc.split('\n');
  for (const p of op.params) lines.push(`@param {${p.ts}} ${p.optional ? `[${p.name}]` : p.name}`);
  lines.push('@param {RequestOptions} [requestOptions] `{ signal, timeoutMs }` for this call');
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The expression of the call's input, from the parameters the declaration places in it. */
function inputExpression(params) {
  const whole = params.find((p) => p.kind === 'input');
  const fields = params.filter((p) => p.kind === 'field' || p.kind === 'list');
  const fieldObject = `{ ${fields.map((p) => (p.kind === 'list' ? `${p.name}: oneOrMany(${p.name})` : p.name)).join(', ')} }`;
  if (whole && fields.length) return `withFields(${whole.name}, '${whole.name}', ${fieldObject})`;
  if (whole) return `asInput(${whole.name}, '${whole.name}')`;
  if (fields.length) return fieldObject;
  return 'undefined';
}

const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** The expression of the call's own target: a `target` parameter fills the path parameter its owner does not. */
function targetExpression(op) {
  const own = [...op.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => camel(m[1])).filter((p) => !['orgId', 'projectId', 'branchId'].includes(p));
  const targets = op.params.filter((p) => p.kind === 'target');
  if (targets.length > own.length) throw new Error(`${op.name}: ${targets.length} target parameters, ${own.length} path parameters to fill`);
  if (!targets.length) return '{}';
  return `{ ${targets.map((p, i) => (p.name === own[i] ? p.name : `${own[i]}: ${p.name}`)).join(', ')} }`;
}

/** One method: its JSDoc and body. */
function method(op, name, callName, indent) {
  const args = [...op.params.map((p) => p.name), 'requestOptions'].join(', ');
  const target = targetExpression(op);
  const secrets = `{ hidden: ${JSON.stringify(op.hidden_inputs)}, redacted: ${JSON.stringify(op.redacted_results)} }`;
  const body = op.result.startsWith('Listing<')
    ? `return listing(this.#call, ${callName}, ${target}, ${op.params[0].name}, requestOptions);`
    : `return this.#call(${callName}, ${target}, ${inputExpression(op.params)}, requestOptions, ${secrets});`;
  // async: a bad argument rejects the call's promise, as every failure does. A listing returns its
  // async iterable at once (its first page is fetched, and its options checked, on first use).
  const async = op.result.startsWith('Listing<') ? '' : 'async ';
  return `${jsDoc(op, indent)}${indent}${async}${name}(${args}) {\n${indent}  ${body}\n${indent}}\n`;
}

/** A class holding `call` (and its owner's name, when `named`), with `methods` written out. */
function classSource(className, doc, named, methods, groups = []) {
  const fields = named ? '  #call;\n  #owner;\n' : '  #call;\n';
  const init = named ? '    this.#call = call;\n    this.#owner = owner;\n' : '    this.#call = call;\n';
  const groupInit = groups.map((g) => `    /** \`${g.path}\`. */\n    this.${g.name} = Object.freeze(new ${g.className}(call));\n`).join('');
  const params = named ? 'call, owner' : 'call';
  return `/** ${doc} */\nexport class ${className} {\n${fields}\n  /** @param {Call} call runs an operation for this owner${named ? '; `owner` is `apiKeys` or `orgApiKeys`' : ''} */\n  constructor(${params}) {\n${init}${groupInit}  }\n\n${methods.join('\n')}}\n`;
}

/** The modules of the generated resource classes: file name (in js/resources/) → source. */
export function renderClasses(table, generatedNote) {
  const files = new Map();
  for (const owner of OWNERS) {
    if (!files.has(owner.file)) files.set(owner.file, { classes: [], prefixes: [] });
    const file = files.get(owner.file);
    file.classes.push(...ownerClasses(table, owner));
    file.prefixes.push(owner.prefix);
  }
  const sources = {};
  for (const [name, { classes, prefixes }] of files) {
    const own = (op) => prefixes.some((prefix) => (prefix ? op.name.startsWith(prefix) : !op.name.includes('.')));
    const secrets = table.filter((op) => HAND_WRITTEN.has(op.name) && !op.name.startsWith('orgApiKeys.') && own(op));
    sources[name] = [
      `// ${generatedNote}`,
      '',
      "import { asInput, listing, oneOrMany, withFields } from './arguments.mjs';",
      '',
      "/** @typedef {import('../index.js').RequestOptions} RequestOptions */",
      '/** @typedef {(name: string, target: object, input: unknown, requestOptions: RequestOptions | undefined, secrets?: { hidden: string[], redacted: string[] }) => Promise<any>} Call */',
      '',
      ...classes.flatMap((c) => [c, '']),
      '/** The secrets of the operations whose methods are written by hand: input fields kept out of errors, result fields redacted on inspect. */',
      'export const HAND_WRITTEN_SECRETS = {',
      ...secrets.map((op) => `  ${JSON.stringify(op.name)}: { hidden: ${JSON.stringify(op.hidden_inputs)}, redacted: ${JSON.stringify(op.redacted_results)} },`),
      '};',
      '',
    ].join('\n');
  }
  return sources;
}

/** The classes of one owner: one per sub-resource, then the owner's own. */
function ownerClasses(table, { prefix, className, doc, named }) {
  const ops = table.filter((op) => (prefix ? op.name.startsWith(prefix) : !op.name.includes('.')) && !HAND_WRITTEN.has(op.name));
  const top = [];
  const groups = new Map();
  for (const op of ops) {
    const below = op.name.slice(prefix.length);
    const [group, name] = below.includes('.') ? below.split('.') : [null, below];
    const callName = named ? `\`\${this.#owner}.${below}\`` : `'${op.name}'`;
    if (!group) {
      top.push(method(op, name, callName, '  '));
      continue;
    }
    if (!groups.has(group)) {
      const path = op.path.replace('/projects/{project_id}/branches/{branch_id}', '…').replace(/\/\{[^}]+\}.*$/, '');
      groups.set(group, { name: group, className: `${className.replace(/Methods$/, '')}${pascal(group)}`, path, methods: [] });
    }
    groups.get(group).methods.push(method(op, name, callName, '  '));
  }
  return [...[...groups.values()].map((g) => classSource(g.className, `\`${g.path}\`.`, false, g.methods)), classSource(className, doc, named, top, [...groups.values()])];
}
