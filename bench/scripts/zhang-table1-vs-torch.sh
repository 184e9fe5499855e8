#!/usr/bin/env bash
# Per-step cost of Table 1 (Zhang et al.) side by side in one run: DualNet's lock-step SGD kernel
# (`dualnet repro zhang-table1`) and the PyTorch peer batched over seeds (/work/shared/peers/hitrate.py --impl batched),
# same problem sizes and protocol (hinge tau = 1 on sign(f*), batch 100, lr 0.1, constant step, PyTorch default init
# with biases, full-data check every 100 steps), in ABBA order (DualNet, PyTorch, PyTorch, DualNet) for each thread
# count in TH. Prints one JSON line per run (with the load average before it) and a summary line per thread count
# with the mean of each implementation's two runs and their ratio.
# Usage: W=10,16,21 S=100 T=2000 TH="1 2" bench/scripts/zhang-table1-vs-torch.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
W=${W:-10,16,21}; S=${S:-100}; T=${T:-2000}; TH=${TH:-1 2}
PEER=${PEER:-/work/shared/peers/hitrate.py}
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "# $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) widths=$W seeds=$S iters=$T"
ours() {  # threads run
  "$root/dualnet" repro zhang-table1 --protocol plain --widths "$W" --seeds "$S" --iterations "$T" --threads "$1" \
      --out "$tmp/dualnet-$1-$2" --json -q \
    | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl':'dualnet-lanes','threads':d['threads'],'seed_steps':d['steps'],'seconds':round(d['seconds'],2),'us_per_step':round(d['microsPerStep'],3),'load':'$3'}))"
}
peer() {  # threads
  /usr/bin/python3 "$PEER" --impl batched --widths "$W" --seeds "$S" --iters "$T" --threads "$1" | tail -1 \
    | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl':'torch-batched','threads':d['torch_threads'],'seed_steps':d['total_iters'],'seconds':round(d['total_wall_s'],2),'us_per_step':round(d['us_per_iter'],3),'load':'$2'}))"
}
for th in $TH; do
  out="$tmp/runs-$th"
  ours "$th" a "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  peer "$th" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  peer "$th" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  ours "$th" b "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  /usr/bin/python3 - "$out" "$th" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
mean = lambda impl: sum(r['us_per_step'] for r in runs if r['impl'] == impl) / 2
o, p = mean('dualnet-lanes'), mean('torch-batched')
print(json.dumps({'summary': 'ABBA', 'threads': int(sys.argv[2]), 'dualnet_us_per_step': round(o, 3),
                  'torch_us_per_step': round(p, 3), 'ratio_torch_over_dualnet': round(p / o, 2)}))
PY
done
echo "# end $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
