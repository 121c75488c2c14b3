#!/usr/bin/python3
"""Interop: a python3-grpcio server that our GrpcClient calls (one unary, one server-streaming method).
Prints "port N" once listening, then serves until stdin closes."""
import sys
from concurrent import futures
import grpc

def say(request, context):
    return b"\x0a" + bytes([len(b"python: ") + request[1]]) + b"python: " + request[2:]

def count(request, context):
    n = request[1] if request else 0
    for i in range(1, n + 1):
        yield b"\x08" + bytes([i])

def fail(request, context):
    context.abort(grpc.StatusCode.PERMISSION_DENIED, "not an organiser: 100% sure")

handler = grpc.method_handlers_generic_handler("test.v1.Echo", {
    "Say": grpc.unary_unary_rpc_method_handler(say),
    "Count": grpc.unary_stream_rpc_method_handler(count),
    "Fail": grpc.unary_unary_rpc_method_handler(fail),
})
server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
server.add_generic_rpc_handlers((handler,))
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("port", port, flush=True)
sys.stdin.read()
server.stop(0)
