#!/bin/sh
# Builds wasm/sql-wasm.js and wasm/sql-wasm.wasm: sql.js's API over SQLite, with Emscripten's file
# system exported, so the engine can read the database file in parts (src/engine/db-file.ts)
# instead of copying it whole at every save. Needs Debian's `emscripten` (3.1.6) and the npm
# registry; run from the repository root: sh wasm/build/build.sh
set -eu
SQLJS_VERSION=1.16.0
SQLITE_SOURCE=better-sqlite3@13.2.0   # ships the SQLite 3.54.1 amalgamation sql.js 1.16.0 is built from
SQLITE_SHA256=75a4760a7b9727a4c4c877aec92eacf39e52a8f2921ce00bd33be6d3a8e8e254
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

installed=$(node -p "require('./node_modules/sql.js/package.json').version")
[ "$installed" = "$SQLJS_VERSION" ] || { echo "sql.js $SQLJS_VERSION expected, $installed installed" >&2; exit 1; }

(cd "$work" && npm pack --silent "$SQLITE_SOURCE" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/deps/sqlite3/sqlite3.c" "$work/package/deps/sqlite3/sqlite3.h" "$work/"
echo "$SQLITE_SHA256  $work/sqlite3.c" | sha256sum -c --quiet

# sql.js's API as its debug build carries it, between Emscripten's include markers
debug=node_modules/sql.js/dist/sql-wasm-debug.js
sed -n '/^\/\/ include: src\/api.js$/,/^\/\/ end include: src\/api.js$/p' "$debug" > "$work/api.js"
grep -o '^var _[a-zA-Z0-9_]* = Module\[.\(_sqlite3_[a-z0-9_]*\|_malloc\|_free\|_RegisterExtensionFunctions\).\]' "$debug" \
  | sed "s/.*\['\(.*\)'\]/\"\1\"/" | paste -sd, | sed 's/^/[/; s/$/,"_sqlite3_txn_state"]/' > "$work/functions.json"

# the options sql.js 1.16.0 reports (PRAGMA compile_options), plus SQLite's median/percentile
# in place of sql.js's deprecated extension functions
CFLAGS="${OPT:--Oz -flto} -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DISABLE_LFS -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS
  -DSQLITE_THREADSAFE=0 -DSQLITE_ENABLE_NORMALIZE -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_PERCENTILE"
emcc $CFLAGS -c "$work/sqlite3.c" -o "$work/sqlite3.o"
emcc ${OPT:--Oz -flto} -I"$work" -c "$here/legacy-functions.c" -o "$work/legacy.o"
NODE_PATH=/usr/share/nodejs emcc ${OPT:--Oz -flto} "$work/sqlite3.o" "$work/legacy.o" \
  --pre-js "$work/api.js" \
  -s ENVIRONMENT=web,worker -s STRICT_JS=1 \
  -s ALLOW_MEMORY_GROWTH=1 -s ALLOW_TABLE_GROWTH=1 \
  -s EXPORTED_FUNCTIONS=@"$work/functions.json" \
  -s 'EXPORTED_RUNTIME_METHODS=["stackSave","stackRestore","stackAlloc","cwrap","addFunction","removeFunction","UTF8ToString","lengthBytesUTF8","stringToNewUTF8","writeArrayToMemory","FS"]' \
  -s 'DEFAULT_LIBRARY_FUNCS_TO_INCLUDE=["$stringToNewUTF8"]' \
  -o "$work/sql-wasm.js"
cat "$here/shell-pre.js" "$work/sql-wasm.js" "$here/shell-post.js" > "$out/sql-wasm.js"
cp "$work/sql-wasm.wasm" "$out/sql-wasm.wasm"
(cd "$out" && sha256sum sql-wasm.js sql-wasm.wasm > SHA256SUMS)
