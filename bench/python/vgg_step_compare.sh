#!/usr/bin/env bash
# Side-by-side, in one run: one training step of the multi-branch VGG-9 (Zhang et al. A.1) in DualNet's DJL route
# (io.dualnet.vgg.StepBenchmark) and in PyTorch (bench/python/vgg_step.py, Debian python3-torch), on the same batch
# of Fashion-MNIST images (written by the Java side), same model, same loss, same optimizer, same thread count.
# Order ABBA (java, torch, torch, java) so that both see the same machine load. Needs the vgg module built:
#   mvn -B -ntp -pl vgg -am package -DskipTests
# Usage: bench/python/vgg_step_compare.sh [THREADS] [BATCH] [STEPS] [W:I ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
threads="${1:-1}"; batch="${2:-128}"; steps="${3:-10}"; shift $(( $# > 3 ? 3 : $# )) || true
configs=("$@"); [[ ${#configs[@]} -gt 0 ]] || configs=(16:1 16:4 32:1 32:4)
file="$(mktemp "${TMPDIR:-/tmp}/vgg-batch.XXXXXX")"
trap 'rm -f "$file"' EXIT
java_run() {
    OPT_OUT_TRACKING=true java -Xmx3g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true \
        -Dslf4j.internal.verbosity=WARN -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider \
        -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "${VGG_CLASSPATH:-$root/vgg/target/dualnet-vgg.jar:$root/vgg/target/lib/*}" io.dualnet.vgg.StepBenchmark \
        "$file" "$batch" "$steps" 3 "${configs[@]}"
}
torch_run() {
    OMP_NUM_THREADS="$threads" /usr/bin/python3 "$root/bench/python/vgg_step.py" "$file" "$batch" "$steps" 3 \
        --threads "$threads" --impl loop "${configs[@]}"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads $threads, batch $batch"
java_run; torch_run; torch_run; java_run
