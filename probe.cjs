const rm = require('./dist/libs/read-model/src/index.js');
const db = rm.openReadModel('/dev/shm/bench1m/read-model.sqlite', rm.PROJECTIONS);
const E = rm.EVERYTHING;
const q = (name, f) => {
  const t0 = process.hrtime.bigint();
  let r;
  for (let i = 0; i < 5; i++) r = f();
  console.log(name, (Number(process.hrtime.bigint() - t0) / 5e6).toFixed(2), 'ms');
  return r;
};
console.log(db.prepare('SELECT min(since) a, max(since) b, count(*) n, sum(ended_on IS NULL) open FROM step_waits').get());
console.log(db.prepare('SELECT count(*) n FROM step_wait_months').get());
console.log(
  db
    .prepare(
      'SELECT (SELECT count(*) FROM commitments) c, (SELECT count(*) FROM conditions) k, (SELECT count(*) FROM provisions) p, (SELECT count(*) FROM grades) g, (SELECT count(DISTINCT item_id) FROM grades) gi',
    )
    .get(),
);
for (const on of ['2017-06-01', '2021-03-15', '2025-06-01']) {
  q('queue asOf ' + on, () => rm.queueOf(db, E, 'instrument_awaiting', 'CTS', { first: 20, after: null }, on));
  q('others asOf ' + on, () => rm.queueOf(db, E, 'instrument_waiting_on_others', 'CTS', { first: 20, after: null }, on));
  q('delays ' + on, () => rm.delaysTable(db, E, rm.addDays ? rm.addDays(on, -365) : on, on));
  q('rollup ' + on, () => rm.gradeRollup(db, E, 'THEME', on));
  q('camps ' + on, () => rm.campPatrolsOn(db, on));
}
q('queue now', () => rm.queueOf(db, E, 'instrument_awaiting', 'CTS', { first: 20, after: null }));
