#!/usr/bin/env bash
# Per-step cost of Table 1 (Zhang et al.) side by side in one run: DualNet's lock-step SGD kernel
# (`dualnet repro zhang-table1`) and the PyTorch peer batched over seeds (/work/shared/peers/hitrate.py --impl batched),
# same problem sizes and protocol (hinge tau = 1 on sign(f*), batch 100, lr 0.1, constant step, PyTorch default init
# with biases, full-data check every 100 steps), 1 and 2 threads each. Prints one JSON line per implementation.
# Usage: W=10,16,21 S=100 T=1000 bench/scripts/zhang-table1-vs-torch.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
W=${W:-10,16,21}; S=${S:-100}; T=${T:-1000}
PEER=${PEER:-/work/shared/peers/hitrate.py}
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "# $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) widths=$W seeds=$S iters=$T"
for th in 1 2; do
  "$root/dualnet" repro zhang-table1 --protocol plain --widths "$W" --seeds "$S" --iterations "$T" --threads "$th" \
      --out "$tmp/dualnet-$th" --json -q \
    | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl':'dualnet-lanes','threads':d['threads'],'seed_steps':d['steps'],'seconds':round(d['seconds'],2),'us_per_step':round(d['microsPerStep'],2)}))"
  /usr/bin/python3 "$PEER" --impl batched --widths "$W" --seeds "$S" --iters "$T" --threads "$th" | tail -1 \
    | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl':'torch-batched','threads':d['torch_threads'],'seed_steps':d['total_iters'],'seconds':round(d['total_wall_s'],2),'us_per_step':round(d['us_per_iter'],2)}))"
done
echo "# end $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
