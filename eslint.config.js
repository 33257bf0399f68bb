// Flat config. The import rules below are the layering of ../shared/DESIGN.md:
// lint fails when a layer reaches into one it must not know about.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto',
  'stream', 'events', 'url', 'util', 'worker_threads', 'zlib', 'dgram', 'tls', 'buffer',
];
const nativeModules = ['better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'usb', 'pino', 'pino-roll', 'ws'];

const restrict = (patterns) => ['error', { patterns }];
const group = (names, message) => ({ group: names, message });

const srcBase = [
  group(['electron', 'react', 'react-dom', 'react/*', 'zustand', 'i18next', 'react-i18next'], 'src/ is plain Node: no Electron, React or DOM.'),
  group(['**/native/**', '**/sandbox/**', '**/server/**', '**/main/**', '**/renderer/**'], 'src/ defines ports; it never imports native/, sandbox/, server/, main/ or renderer/.'),
  group(['serialport', '@serialport/*', 'node-hid', 'usb'], 'device libraries belong in native/.'),
];

// Inside src/, modules depend in one direction (VS Code's layering rule, per
// module): each may import only the modules listed, all of them lower. A new
// module adds its row; moving a module up or down is a change of this table.
const SRC_LAYERS = {
  platform: [],
  money: [],
  codes: ['money'],
  receipts: ['money', 'platform'],
  ledger: ['platform'],
  devices: ['money', 'platform', 'receipts'],
  relay: ['codes', 'ledger', 'money', 'platform'],
  catalog: ['codes', 'ledger', 'money', 'platform'],
  store: ['catalog', 'closeout', 'ledger', 'payments', 'platform', 'receipts', 'relay'],
  payments: ['catalog', 'codes', 'devices', 'ledger', 'money', 'platform', 'receipts', 'relay'],
  closeout: ['codes', 'devices', 'ledger', 'money', 'payments', 'platform', 'receipts', 'relay'],
  api: ['catalog', 'closeout', 'codes', 'devices', 'money', 'payments', 'platform', 'receipts'],
};
const srcLayerRules = Object.entries(SRC_LAYERS).map(([module, allowed]) => {
  const forbidden = Object.keys(SRC_LAYERS).filter((m) => m !== module && !allowed.includes(m));
  return {
    files: [`src/${module}/**/*.ts`],
    rules: {
      'no-restricted-imports': restrict([
        ...srcBase,
        ...(forbidden.length > 0
          ? [group(forbidden.map((m) => `**/${m}/**`), `src/${module} may import only ${allowed.join(', ') || 'nothing else in src'} (eslint.config.js, SRC_LAYERS).`)]
          : []),
      ]),
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'renderer/dist/**', 'release/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(srcBase),
      // Stored and received JSON is parsed against a schema (zod; src/platform/stored-json.ts), never cast.
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > CallExpression.expression[callee.object.name='JSON'][callee.property.name='parse']",
          message: 'JSON.parse(...) as T believes the data: parse it with its zod schema (parseBody in src/platform/stored-json.ts).',
        },
      ],
    },
  },
  ...srcLayerRules,
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        group(['electron', 'react', 'react-dom', 'react/*'], 'native/ drivers run in the main process without Electron or React.'),
        group(['**/sandbox/**', '**/main/**', '**/renderer/**'], 'native/ may import src/ only.'),
      ]),
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        group(['electron', 'react', 'react-dom', 'react/*'], 'the sandbox gateway is a plain server.'),
        group(['**/native/**', '**/main/**', '**/renderer/**'], 'the sandbox is a separate server.'),
        group(['**/src/ledger/**', '**/src/payments/**', '**/src/closeout/**', '**/src/api/**', '**/src/receipts/**', '**/src/devices/**'], 'the sandbox shares only the protocol schemas (src/relay) and pure helpers with the POS.'),
      ]),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        group(['electron', 'react', 'react-dom', 'react/*', 'zustand'], 'the store server is a plain Node service.'),
        group(['**/native/**', '**/main/**', '**/renderer/**', '**/sandbox/**'], 'the store server is a separate service: it shares src/ (protocol schemas and pure functions) only.'),
        group(['better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'usb'], "the store server's database is PostgreSQL (or PGlite); devices belong to the till."),
      ]),
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': restrict([
        group(['electron'], 'only the Electron entry (main/electron/) imports electron.'),
        group(['**/renderer/**'], 'main/ serves the renderer build; it does not import its sources.'),
      ]),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        group(nodeBuiltins, 'the renderer runs sandboxed: no Node built-ins.'),
        group([...nativeModules, 'electron'], 'the renderer talks to the core only through the contract client (src/api); no raw ipcRenderer.'),
        group(['**/native/**', '**/main/**', '**/sandbox/**', '**/src/ledger/**', '**/src/payments/**', '**/src/relay/**', '**/src/closeout/**', '**/src/platform/**'], 'the renderer may import src/api and pure helpers only.'),
      ]),
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
