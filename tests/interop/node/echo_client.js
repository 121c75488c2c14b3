// Interop: @grpc/grpc-js calls our server. Messages are google.protobuf wrappers encoded by hand.
// usage: node echo_client.js HOST:PORT
const grpc = require('@grpc/grpc-js');
const id = (b) => b;
const client = new grpc.Client(process.argv[2], grpc.credentials.createInsecure());
const stringValue = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([Buffer.from([0x0a, b.length]), b]); };
const deadline = () => new Date(Date.now() + 10000);

function unary(path, arg, opts) {
  return new Promise((resolve) => client.makeUnaryRequest(path, id, id, arg, opts || { deadline: deadline() }, (err, res) => resolve({ err, res })));
}

(async () => {
  const r = await unary('/test.v1.Echo/Say', stringValue('from node'));
  console.log('unary', r.res.subarray(2).toString('utf8'));
  const values = [];
  const stream = client.makeServerStreamRequest('/test.v1.Echo/Count', id, id, Buffer.from([0x08, 4]), { deadline: deadline() });
  stream.on('data', (m) => values.push(m.length ? m[1] : 0));
  await new Promise((resolve) => stream.on('status', resolve));
  console.log('stream', values.join(','));
  const f = await unary('/test.v1.Echo/Fail', stringValue('closed'));
  console.log('status', grpc.status[f.err.code], f.err.details);
  const d = await unary('/test.v1.Echo/Sleep', Buffer.from([0x08, 100]), { deadline: new Date(Date.now() + 20) });
  console.log('deadline', grpc.status[d.err.code]);
  client.close();
})();
