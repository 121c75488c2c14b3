// Interop: @grpc/grpc-js drives the Voting ballot server (tests/Voting.Server.Tests/ServerInteropTests.cs).
// Requests are pre-encoded protobuf in hex; a refusal prints its status, message and the voting-refusal trailer.
// usage: node voting_client.js HOST:PORT METHOD_PATH REQUEST_HEX
const grpc = require('@grpc/grpc-js');
const id = (b) => b;
const [target, path, hex] = process.argv.slice(2);
const client = new grpc.Client(target, grpc.credentials.createInsecure());
client.makeUnaryRequest(path, id, id, Buffer.from(hex, 'hex'), { deadline: new Date(Date.now() + 30000) }, (err, res) => {
  if (err) console.log('status', grpc.status[err.code], `[${(err.metadata && err.metadata.get('voting-refusal')[0]) || ''}]`, err.details);
  else console.log('message', res.toString('hex'));
  client.close();
});
