#!/usr/bin/python3
"""Interop: Debian's python3-grpcio drives the Voting ballot server (tests/Voting.Server.Tests/ServerInteropTests.cs).
Requests are pre-encoded protobuf given in hex on the command line; responses are printed in hex; a refusal prints
its status, the voting-refusal trailer and the message.
usage: voting_client.py HOST:PORT METHOD_PATH REQUEST_HEX [stream N]"""
import sys
import grpc

target, path, request = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
channel = grpc.insecure_channel(target)
try:
    if len(sys.argv) > 4 and sys.argv[4] == "stream":
        wanted = int(sys.argv[5])
        call = channel.unary_stream(path)(request, timeout=30)
        for i, message in enumerate(call):
            print("message", message.hex())
            if i + 1 == wanted:
                call.cancel()
                break
    else:
        print("message", channel.unary_unary(path)(request, timeout=30).hex())
except grpc.RpcError as e:
    if e.code() != grpc.StatusCode.CANCELLED:
        row = dict(e.trailing_metadata() or ()).get("voting-refusal", "")
        print("status", e.code().name, f"[{row}]", e.details())
