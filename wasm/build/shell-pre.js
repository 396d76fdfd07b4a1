// Oko's build of sql.js (wasm/build/build.sh): sql.js 1.16.0's own API (src/api.js) over SQLite,
// compiled by Emscripten, exported as an ES module. Generated file: edit build/, not this.
let initSqlJsPromise;

export default function initSqlJs(moduleConfig) {
  if (initSqlJsPromise) return initSqlJsPromise;
  initSqlJsPromise = new Promise((resolveModule, reject) => {
    var Module = typeof moduleConfig !== 'undefined' ? moduleConfig : {};
    var originalOnAbort = Module['onAbort'];
    Module['onAbort'] = function (reason) {
      reject(new Error(reason));
      if (originalOnAbort) originalOnAbort(reason);
    };
    Module['postRun'] = Module['postRun'] || [];
    Module['postRun'].push(function () {
      resolveModule(Module);
    });
