import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = await PGlite.create('/tmp/pgl-test-dir');
console.log('start', Date.now()-t); await db.close();
t=Date.now();
const db2 = await PGlite.create('/tmp/pgl-test-dir');
console.log('reopen', Date.now()-t);
t=Date.now(); const d = await db2.dumpDataDir('none'); console.log('dump', Date.now()-t, d.size);
t=Date.now(); const db3 = await PGlite.create({loadDataDir: d}); console.log('fromdump', Date.now()-t);
