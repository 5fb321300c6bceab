// Runs in a separate Node process: appends one event to the store under DATA_DIR.
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');
const { SqliteEventStore } = require(process.env.DDR_DIST);

const store = new SqliteEventStore({ file: join(process.env.DATA_DIR, 'events.sqlite') });
store
  .append('from-child', [{ id: randomUUID(), type: 'Appended', data: { pid: process.pid }, metadata: {} }])
  .then(() => store.close())
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  });
