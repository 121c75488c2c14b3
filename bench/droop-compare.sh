#!/usr/bin/env bash
# Scottish STV against Droop's `scotland` rule on the same file, in the same run (issue 13 item 8): paired runs,
# alternating, wall time and peak RSS from /usr/bin/time, and the elected sets compared. Droop (jklundell/droop,
# pure Python) is public; clone it into a scratch folder, never into this repository, and pass its path.
# usage: bash bench/droop-compare.sh DROOP_DIR [BLT, default: genblt 1000000 20 4 42] [RUNS, default 3]
# Also times the same code published with ReadyToRun (scrutineer-tools/Scrutineer/Scrutineer.csproj says what is precompiled).
# BEFORE=DIR (a copy of an earlier bin/Release/net10.0) also times that build in each round, for before/after in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
droop=${1:?usage: bash bench/droop-compare.sh DROOP_DIR [BLT] [RUNS]}
blt=${2:-/tmp/voting-bench/stv_1m_20c_4s.blt}
runs=${3:-3}
py=/usr/bin/python3
if [ ! -s "$blt" ]; then mkdir -p "$(dirname "$blt")"; "$py" ../shared/tools/genblt.py 1000000 20 4 42 "$blt"; fi
seats=$(head -1 "$blt" | awk '{print $2}')
dotnet build -c Release scrutineer-tools/Scrutineer -v q >/dev/null
bin=scrutineer-tools/Scrutineer/bin/Release/net10.0/scrutineer
# The same code published with ReadyToRun images: start-up without JIT of the count path (docs/benchmarks.md).
r2r=/tmp/voting-bench/scrutineer-r2r
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$r2r" scrutineer-tools/Scrutineer -v q >/dev/null
tiny=$(mktemp --suffix .blt); printf '2 1\n1 1 0\n1 2 0\n0\n"A"\n"B"\n"t"\n' > "$tiny"
for i in $(seq "$runs"); do
  /usr/bin/time -f "run $i droop scotland: %e s wall, %M KB peak RSS" "$py" "$droop/Droop.py" scotland "$blt" 2>&1 >/tmp/droop-out.txt | tail -1
  /usr/bin/time -f "run $i scrutineer count: %e s wall, %M KB peak RSS" "$bin" count --method scottish-stv --seats "$seats" "$blt" 2>&1 >/tmp/ours-out.txt | tail -1
  /usr/bin/time -f "run $i scrutineer count, ReadyToRun publish: %e s wall, %M KB peak RSS" "$r2r/scrutineer" count --method scottish-stv --seats "$seats" "$blt" 2>&1 >/tmp/r2r-out.txt | tail -1
  if [ -n "${BEFORE:-}" ]; then
    /usr/bin/time -f "run $i scrutineer count, BEFORE build: %e s wall, %M KB peak RSS" "$BEFORE/scrutineer" count --method scottish-stv --seats "$seats" "$blt" 2>&1 >/tmp/before-out.txt | tail -1
  fi
  /usr/bin/time -f "run $i scrutineer count on a 2-ballot file (process start and JIT): %e s wall" "$bin" count --method scottish-stv --seats 1 "$tiny" 2>&1 >/dev/null | tail -1
  /usr/bin/time -f "run $i ReadyToRun publish on the 2-ballot file: %e s wall" "$r2r/scrutineer" count --method scottish-stv --seats 1 "$tiny" 2>&1 >/dev/null | tail -1
done
rm -f "$tiny"
echo "droop elected (its report repeats each election line, so distinct lines):"; grep 'Elected:' /tmp/droop-out.txt | sed 's/([^)]*)//' | sort -u
echo "ours:"; grep '^Elected' /tmp/ours-out.txt
cmp -s /tmp/ours-out.txt /tmp/r2r-out.txt && echo "ReadyToRun publish: identical output" || echo "ReadyToRun publish: OUTPUT DIFFERS"
if [ -n "${BEFORE:-}" ]; then cmp -s /tmp/ours-out.txt /tmp/before-out.txt && echo "BEFORE build: identical output" || echo "BEFORE build: OUTPUT DIFFERS"; fi
