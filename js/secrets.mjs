// Values the API shows once (a created key's token) stay in the object and in JSON, but are
// redacted when the object is inspected (console.log, util.inspect, Deno's inspect).

const nodeInspect = Symbol.for('nodejs.util.inspect.custom');
const denoInspect = Symbol.for('Deno.customInspect');

/** Marks `fields` of `result` as secret for inspection; returns `result`. */
export function redactOnInspect(result, fields) {
  const redacted = () => {
    const copy = { ...result };
    for (const field of fields) if (field in copy) copy[field] = '[REDACTED]';
    return copy;
  };
  Object.defineProperty(result, nodeInspect, {
    value: (depth, options, inspect) => (inspect ? inspect(redacted(), options) : redacted()),
    enumerable: false,
  });
  Object.defineProperty(result, denoInspect, {
    value: (inspect, options) => inspect(redacted(), options),
    enumerable: false,
  });
  return result;
}
