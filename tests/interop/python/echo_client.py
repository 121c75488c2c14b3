#!/usr/bin/python3
"""Interop: Debian's python3-grpcio calls our server (tests/Voting.Rpc.Tests/InteropTests.cs).
Messages are google.protobuf wrappers encoded by hand, so no generated code is needed.
usage: echo_client.py HOST:PORT"""
import sys
import grpc

def string_value(s):  # google.protobuf.StringValue: field 1, length-delimited
    b = s.encode("utf-8")
    return b"\x0a" + bytes([len(b)]) + b

def int32_value(n):  # google.protobuf.Int32Value: field 1, varint (small non-negative values)
    return b"\x08" + bytes([n]) if n else b""

def parse_int32(b):
    return b[1] if b else 0

channel = grpc.insecure_channel(sys.argv[1])
say = channel.unary_unary("/test.v1.Echo/Say")
reply = say(string_value("from python"), timeout=10)
print("unary", reply[2:].decode("utf-8"))
count = channel.unary_stream("/test.v1.Echo/Count")
print("stream", ",".join(str(parse_int32(m)) for m in count(int32_value(3), timeout=10)))
try:
    channel.unary_unary("/test.v1.Echo/Fail")(string_value("closed"), timeout=10)
except grpc.RpcError as e:
    print("status", e.code().name, e.details())
try:
    channel.unary_unary("/test.v1.Echo/Sleep")(int32_value(100) + b"", timeout=0.02)
except grpc.RpcError as e:
    print("deadline", e.code().name)
