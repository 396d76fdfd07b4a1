/* sql.js's api.js registers its deprecated extension functions through this symbol when
 * useOldExtensionFunctions is on; Oko's build ships none of them (SQLite's own math and
 * percentile functions stand in), so registering is a no-op. */
#include "sqlite3.h"
int RegisterExtensionFunctions(sqlite3 *db) { (void)db; return SQLITE_OK; }
