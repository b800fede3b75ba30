// Library messages in the command line's words. A library message names client options (apiKey,
// baseUrl, timeoutMs) and imports; the CLI has none of those, only flags and environment
// variables, so each phrase is swapped for what a CLI user can act on.

const RULES = [
  // The CLI never passes an apiKey option: drop that advice (NEON_API_KEY is named beside it).
  [/\bpass (?:either )?(?:the )?`?apiKey`?(?: option)?,? or /g, ''],
  [/\bpass the key as `?apiKey`?/g, 'set the key as NEON_API_KEY'],
  [/\bthe `?apiKey`? option\b/g, 'NEON_API_KEY'],
  [/`?\bbaseUrl\b`?(?: option)?/g, '--api-host (or NEON_API_HOST)'],
  [/`?\btimeoutMs\b`?(?: option)?/g, '--timeout'],
  [/import '?neon-admin\/native'?/g, 'NEON_ADMIN_BACKEND=native'],
  // The advice on a branch's Neon Auth names methods: name the commands instead.
  [/\bbranchAuth\(projectId, branch\)\.enable\(\)/g, '`auth enable`'],
  [/\bapply\(\{ enabled: true \}\)/g, '`auth apply` (with "enabled": true)'],
  [/\bdeleteData: true\b/g, '--delete-data'],
];

/** `message` with the library's option names replaced by the CLI's flags and variables. */
export function cliWording(message) {
  return RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), String(message));
}
