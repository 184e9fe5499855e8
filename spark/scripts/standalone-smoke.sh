#!/usr/bin/env bash
# Runs a DualNet grid on a genuine Spark standalone cluster on this machine and checks that its cells are identical
# to the local thread pool's (every field but wall times).
#
# The cluster comes from the Maven jars (no Spark distribution needed): a Spark home whose jars/ holds Spark's jars
# only (spark/target/lib without DualNet's and the app's own jars: those travel with the application, as on a real
# cluster), a Master and a Worker on free localhost ports. The grid is then run three ways, timed:
#   1. ./dualnet ... --spark spark://127.0.0.1:PORT   (client mode from the command line)
#   2. org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:PORT --class io.dualnet.cli.Main --jars ...
#      spark/target/dualnet-spark.jar ... --spark submit   (what spark-submit of a distribution runs)
#   3. ./dualnet ...   (the local thread pool, the reference)
# Everything it starts is stopped on exit.
#
# Usage: spark/scripts/standalone-smoke.sh [dualnet command and options; default: repro zhang-a2 --quick]
# Needs: mvn -B -ntp -DskipTests -pl spark -am package (spark/target/lib, app/target/lib). Env: WORKER_CORES (2),
# WORKER_MEMORY (2g), KEEP=1 to keep the work folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(repro zhang-a2 --quick)
[[ -d "$root/spark/target/lib" && -f "$root/spark/target/dualnet-spark.jar" && -d "$root/app/target/lib" ]] || {
    echo "build first: mvn -B -ntp -DskipTests -pl spark -am package" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/dualnet-standalone.XXXXXX")"
pids=()
cleanup() {
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.2; done
        kill -9 "${pids[i]}" 2>/dev/null || true
    done
    [[ "${KEEP:-0}" == 1 ]] && echo "work folder kept: $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

# Spark's flags on Java 17 (the list of Spark's launcher, JavaModuleOptions)
flags=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    flags+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
done

# a Spark home with Spark's jars only; RELEASE marks it as a distribution for Spark's launcher library
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$SPARK_HOME/jars"
app_jars="$(ls "$root/app/target/lib")"
for jar in "$root"/spark/target/lib/*.jar; do
    name="$(basename "$jar")"
    [[ "$name" == dualnet-* ]] && continue
    grep -qxF "$name" <<<"$app_jars" && continue
    ln -s "$jar" "$SPARK_HOME/jars/$name"
done
echo "Spark (jars from Maven Central)" >"$SPARK_HOME/RELEASE"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # log, line, what
    for _ in $(seq 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
    echo "the Spark $3 did not start:" >&2; cat "$1" >&2; exit 1
}

port="$(free_port)"
master="spark://127.0.0.1:$port"
java -Xmx512m "${flags[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$(free_port)" >"$work/master.log" 2>&1 &
pids+=($!)
wait_for "$work/master.log" "I have been elected leader" master
java -Xmx512m "${flags[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker "$master" \
    --host 127.0.0.1 --cores "${WORKER_CORES:-2}" --memory "${WORKER_MEMORY:-2g}" --webui-port "$(free_port)" \
    --work-dir "$work/worker" >"$work/worker.log" 2>&1 &
pids+=($!)
wait_for "$work/worker.log" "Successfully registered with master" worker
echo "cluster: $master (Master and Worker up)"

timed() {  # name, command...
    local name="$1"; shift
    local start end
    start=$(date +%s.%N)
    if ! "$@" >"$work/$name.log" 2>&1; then
        echo "$name failed:" >&2; tail -40 "$work/$name.log" >&2; exit 1
    fi
    end=$(date +%s.%N)
    printf '%-10s %6.1f s wall\n' "$name" "$(echo "$end - $start" | bc)"
}

export DUALNET_JAVA_OPTS="${DUALNET_JAVA_OPTS:--Xmx2g}"
timed cluster "$root/dualnet" "${args[@]}" --spark "$master" --out "$work/cluster"
jars="$(ls "$root/app/target/dualnet-app.jar" "$root"/app/target/lib/*.jar | grep -v '/jackson-' | paste -sd, -)"
# shellcheck disable=SC2086
timed submit java $DUALNET_JAVA_OPTS "${flags[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$master" --deploy-mode client --class io.dualnet.cli.Main --jars "$jars" \
    "$root/spark/target/dualnet-spark.jar" "${args[@]}" --spark submit --out "$work/submit"
timed local "$root/dualnet" "${args[@]}" --out "$work/local"

# the same cells, every field but wall times
/usr/bin/python3 - "$work" <<'EOF'
import glob, json, os, sys
work = sys.argv[1]
def cells(run):
    out = {}
    for path in sorted(glob.glob(os.path.join(work, run, "**", "cells.jsonl"), recursive=True)):
        grid = os.path.relpath(path, os.path.join(work, run))
        for line in open(path):
            d = json.loads(line)
            def strip(v):
                if isinstance(v, dict):
                    return {k: strip(x) for k, x in v.items() if not k.lower().endswith("seconds")}
                return v
            out[(grid, d["key"])] = strip(d)
    return out
local = cells("local")
for run in ("cluster", "submit"):
    other = cells(run)
    same = other == local
    print(f"{run}: {len(other)} cells, local: {len(local)} cells, {'identical' if same else 'DIFFERENT'}")
    if not same or not local:
        sys.exit(1)
EOF
