#!/usr/bin/python3
"""Which weight decay tests best? Test accuracy of the two-layer ReLU network against beta / beta_max, on the data
of relu2_vs_peers.py (same loader, same standardisation, same beta_max stand-in).

For every beta the PyTorch peer (bench/python/relu2_torch.py: the objective of `relu2 fit`, loss summed over samples,
weight decay on both layers) trains the ReLU network with Adam, full batch, for a fixed budget, from several seeds;
the script prints the final objective and the train and test accuracy of each run. This measures the *model*'s test
accuracy at each beta (Adam reaches or passes DualNet's sampled certified objective within seconds at these sizes,
see docs/benchmarks.md), not a certificate: the certified values come from `relu2 fit` at the chosen betas.

Usage (from the repository root):
  /usr/bin/python3 bench/scripts/relu2_beta_scan.py --n 12000 --beta-max 51208.8 \
      --betas-rel 1e-3,3e-3,1e-2,3e-2,1e-1 --seeds 100,101 --seconds 90 --threads 2
--beta-max: beta_max = max_i ||(D_i X)^T y|| (DualNet's, printed by `relu2 fit --json`); without it the numpy
stand-in over --P sampled patterns is used.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relu2_vs_peers as driver  # noqa: E402  (same data, same beta_max stand-in)


def parse():
    a = argparse.ArgumentParser()
    a.add_argument('--n', type=int, default=12000)
    a.add_argument('--classes', default='0,6')
    a.add_argument('--P', default='1000')
    a.add_argument('--seed', type=int, default=1)
    a.add_argument('--beta-max', type=float, default=None)
    a.add_argument('--betas-rel', default='1e-3,3e-3,1e-2,3e-2,1e-1')
    a.add_argument('--width', type=int, default=200)
    a.add_argument('--lr', type=float, default=1e-3)
    a.add_argument('--seeds', default='100,101')
    a.add_argument('--seconds', type=float, default=90)
    a.add_argument('--threads', type=int, default=2)
    a.add_argument('--json-out', default=None)
    return a.parse_args()


def main():
    args = parse()
    start = time.time()
    ns = argparse.Namespace(data='fashion', n=args.n, classes=args.classes, pool=1, P=args.P, bias=False,
                            seed=args.seed)
    x, y, xt, yt = driver.fashion(ns)
    if args.beta_max is None:
        F, M, what = driver.cells(ns, x)
        beta_max = max(np.linalg.norm((M[:, i:i + 1] * F).T @ y) for i in range(M.shape[1]))
    else:
        beta_max, what = args.beta_max, 'given'
    print('# %s UTC, %d cores, load %s, threads %d' % (time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime()),
                                                        os.cpu_count(), open('/proc/loadavg').read().split()[:3],
                                                        args.threads))
    print('# Fashion-MNIST %s, n = %d, d = %d, test %d, beta_max = %.6g (%s); Adam lr %g, full batch, width %d, '
          '%g s per run\n' % (args.classes, x.shape[0], x.shape[1], xt.shape[0], beta_max, what, args.lr, args.width,
                              args.seconds))
    print('| beta / beta_max | beta | seed | steps | final objective | train accuracy | test accuracy |')
    print('|---:|---:|---:|---:|---:|---:|---:|')
    records = []
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads))
    with tempfile.TemporaryDirectory() as tmp:
        files = {k: os.path.join(tmp, k + '.npy') for k in ('x', 'y', 'xt', 'yt')}
        for k, v in zip(('x', 'y', 'xt', 'yt'), (x, y, xt, yt)):
            np.save(files[k], v)
        for rel in (float(r) for r in args.betas_rel.split(',')):
            beta = rel * beta_max
            cmd = ['/usr/bin/python3', driver.TORCH_PEER, '--x', files['x'], '--y', files['y'], '--beta', repr(beta),
                   '--width', str(args.width), '--optimizer', 'adam', '--lr', repr(args.lr), '--batch', '0',
                   '--seeds', args.seeds, '--seconds', repr(args.seconds), '--threads', str(args.threads),
                   '--x-test', files['xt'], '--y-test', files['yt']]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
            for line in out.splitlines():
                r = json.loads(line)
                r.update(beta=beta, beta_rel=rel)
                records.append(r)
                print('| %g | %.6g | %s | %d | %.8g | %s | %.4f |' % (
                    rel, beta, r.get('seed'), r['steps'], r['final'], fmt(r.get('train_accuracy')),
                    r['test_accuracy']), flush=True)
    print('\n# end %s UTC, %.0f s in all' % (time.strftime('%H:%M:%S', time.gmtime()), time.time() - start))
    if args.json_out:
        with open(args.json_out, 'w') as f:
            json.dump(dict(args=vars(args), beta_max=beta_max, runs=records), f, indent=1)


def fmt(a):
    return '–' if a is None else '%.4f' % a


if __name__ == '__main__':
    main()
