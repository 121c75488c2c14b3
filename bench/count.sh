#!/usr/bin/env bash
# Counting benchmarks (issue 3): end-to-end `scrutineer count` (process start, BLT parse, count) on seeded
# synthetic inputs from ../shared/tools/genblt.py. Prints wall time and peak memory of each run.
# usage: bash bench/count.sh [DIR for the generated BLT files, default /tmp/voting-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/voting-bench}
mkdir -p "$dir"
gen=../shared/tools/genblt.py
py=/usr/bin/python3; command -v "$py" >/dev/null || py=python3
make_input() { [ -s "$dir/$5" ] || "$py" "$gen" "$1" "$2" "$3" "$4" "$dir/$5"; }
make_input 1000000 20 4 42 stv_1m_20c_4s.blt
make_input 1000000 30 6 42 meek_1m_30c_6s.blt
make_input 10000000 10 1 42 fptp_10m_10c.blt
dotnet build -c Release scrutineer-tools/Scrutineer -v q >/dev/null
bin=scrutineer-tools/Scrutineer/bin/Release/net10.0/scrutineer
run() {
  for i in 1 2 3; do
    /usr/bin/time -f "$1 $2: %e s wall, %M KB peak RSS" "$bin" count --method "$1" --seats "$2" "$dir/$3" 2>&1 >/dev/null | tail -1
  done
  "$bin" count --method "$1" --seats "$2" "$dir/$3" | grep '^Elected'
}
run scottish-stv 4 stv_1m_20c_4s.blt
run meek 6 meek_1m_30c_6s.blt
run fptp 1 fptp_10m_10c.blt
