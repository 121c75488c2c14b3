#!/usr/bin/python3
"""Interop: a plain python3-grpcio client, with no Voting code and no generated stubs, asks the ballot server's
standard services: grpc.health.v1.Health/Check and server reflection's list_services (both v1 and v1alpha).
The few protobuf bytes of those public protocols are written and read here by hand.
usage: standard_services.py HOST:PORT"""
import sys
import grpc


def fields(data):
    """(field number, value) pairs of a protobuf message: varints as ints, length-delimited as bytes."""
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        number, kind = key >> 3, key & 7
        if kind == 0:
            value, i = varint(data, i)
        elif kind == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        else:
            raise ValueError(f"wire type {kind} not expected here")
        yield number, value


def varint(data, i):
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


channel = grpc.insecure_channel(sys.argv[1])
# HealthCheckRequest{service: ""} is empty; HealthCheckResponse{status = 1} means SERVING.
for service in ["", "voting.v1.VoterService"]:
    request = b"" if not service else b"\x0a" + bytes([len(service)]) + service.encode()
    reply = channel.unary_unary("/grpc.health.v1.Health/Check")(request, timeout=30)
    status = dict(fields(reply)).get(1, 0)
    print("health", service or "(server)", {1: "SERVING", 2: "NOT_SERVING"}.get(status, status))

# ServerReflectionRequest{list_services (7): ""} -> ServerReflectionResponse{list_services_response (6):
# ListServiceResponse{service (1): ServiceResponse{name (1)}}}.
for version in ["v1", "v1alpha"]:
    call = channel.stream_stream(f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo")
    for reply in call(iter([b"\x3a\x00"]), timeout=30):
        for number, listing in fields(reply):
            if number == 6:
                names = sorted(dict(fields(s))[1].decode() for n, s in fields(listing) if n == 1)
                print("reflection", version, " ".join(names))
