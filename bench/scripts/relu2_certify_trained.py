#!/usr/bin/python3
"""How far from optimal is a trained ReLU network? PyTorch Adam trains the two-layer ReLU network of `relu2 fit`
(same data, objective and beta as relu2_vs_peers.py), saves it, and `dualnet relu2 certify` certifies it: the network's
objective, the optimum of the cone program over the network's own activation patterns plus --P sampled ones (a network
with those patterns at least as good, and its objective), a certified lower bound over those patterns, and the gap.

The certificate is relative to the patterns checked (`sampled`): it bounds every network whose neurons use the trained
network's patterns or the sampled ones, which includes the trained network itself. Unlike `relu2 fit --patterns P`
alone, the patterns come from a network trained on the data, so the certified value is at most Adam's objective.

Usage (from the repository root, after `mvn -B -q -ntp -pl app -am -DskipTests package`):
  /usr/bin/python3 bench/scripts/relu2_certify_trained.py --n 12000 --beta-rel 0.1 --beta-max 51208.8 \
      --width 200 --seconds 60 --P 1000 --cuts 0 --tolerance 1e-4 --threads 2 --java-opts=-Xmx4g
With --keep DIR the data and the network stay in DIR, and the solve can be re-run with every progress report:
  java -Xmx4g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*" io.dualnet.bench.ConeCertifyRun \
      DIR BETA P 1e-4 10000
"""
import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relu2_vs_peers as driver  # noqa: E402  (same data, same standardisation)


def parse():
    a = argparse.ArgumentParser()
    a.add_argument('--n', type=int, default=12000)
    a.add_argument('--classes', default='0,6')
    a.add_argument('--beta-max', type=float, required=True, help="DualNet's beta_max (relu2 fit --json)")
    a.add_argument('--beta-rel', type=float, default=0.1)
    a.add_argument('--width', type=int, default=200)
    a.add_argument('--lr', type=float, default=1e-3)
    a.add_argument('--batch', type=int, default=0)
    a.add_argument('--seed', type=int, default=100, help='PyTorch seed')
    a.add_argument('--seconds', type=float, default=60)
    a.add_argument('--P', type=int, default=1000, help='sampled patterns added to the network\'s own')
    a.add_argument('--pattern-seed', type=int, default=1)
    a.add_argument('--cuts', type=int, default=0)
    a.add_argument('--tolerance', type=float, default=1e-4)
    a.add_argument('--max-iterations', type=int, default=10000)
    a.add_argument('--threads', type=int, default=2)
    a.add_argument('--java-opts', default='-Xmx4g')
    a.add_argument('--json-out', default=None)
    a.add_argument('--peers', action='store_true',
                   help='then, in the same run, PyTorch Adam and SGD (full and mini-batch, --peer-seeds) train the '
                   'same ReLU network for --peer-seconds each and report when they reach the certified optimum '
                   'within --tolerance (relative), or "never within T"')
    a.add_argument('--peer-seeds', default='200,201')
    a.add_argument('--peer-seconds', type=float, default=600)
    a.add_argument('--peer-width', type=int, default=0,
                   help='width of the peers (0: max(--width, the neurons of the certified optimum))')
    a.add_argument('--adam-lrs', default='1e-3')
    a.add_argument('--sgd-lr-scales', default='0.1', help='SGD steps as multiples of 1/||X||_2^2')
    a.add_argument('--peer-batch', type=int, default=0, help='mini-batch size (0: max(10, n/50) rounded)')
    a.add_argument('--keep', default=None, help='write the data (x.npy, y.npy, xt.npy, yt.npy) and the network (net/) '
                   'into this folder instead of a temporary one (io.dualnet.bench.ConeCertifyRun reads it)')
    return a.parse_args()


def main():
    args = parse()
    start = time.time()
    ns = argparse.Namespace(data='fashion', n=args.n, classes=args.classes, pool=1, P=str(args.P), bias=False,
                            seed=args.pattern_seed)
    x, y, xt, yt = driver.fashion(ns)
    beta = args.beta_rel * args.beta_max
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads),
               DUALNET_JAVA_OPTS=args.java_opts)
    print('# %s UTC, %d cores, load %s, threads %d' % (time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime()),
                                                        os.cpu_count(), open('/proc/loadavg').read().split()[:3],
                                                        args.threads), flush=True)
    print('# Fashion-MNIST %s, n = %d, d = %d, beta = %.6g = %g beta_max' % (args.classes, x.shape[0], x.shape[1],
                                                                             beta, args.beta_rel), flush=True)
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    with (contextlib.nullcontext(args.keep) if args.keep else tempfile.TemporaryDirectory()) as tmp:
        files = {k: os.path.join(tmp, k + '.npy') for k in ('x', 'y', 'xt', 'yt')}
        for k, v in zip(('x', 'y', 'xt', 'yt'), (x, y, xt, yt)):
            np.save(files[k], v)
        net = os.path.join(tmp, 'net')
        cmd = ['/usr/bin/python3', driver.TORCH_PEER, '--x', files['x'], '--y', files['y'], '--beta', repr(beta),
               '--width', str(args.width), '--optimizer', 'adam', '--lr', repr(args.lr), '--batch', str(args.batch),
               '--seeds', str(args.seed), '--seconds', repr(args.seconds), '--threads', str(args.threads),
               '--x-test', files['xt'], '--y-test', files['yt'], '--save', net]
        adam = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout)
        print('# Adam: %d steps in %.1f s, objective %.8g, train %.4f, test %.4f' % (
            adam['steps'], adam['train_seconds'], adam['final'], adam.get('train_accuracy', float('nan')),
            adam['test_accuracy']), flush=True)
        cert = [os.path.join(driver.ROOT, 'dualnet'), 'relu2', 'certify', '--x', files['x'], '--y', files['y'],
                '--beta', repr(beta), '--first-layer', os.path.join(net, 'first_layer.npy'), '--second-layer',
                os.path.join(net, 'second_layer.npy'), '--patterns', str(args.P), '--seed', str(args.pattern_seed),
                '--cuts', str(args.cuts), '--tolerance', repr(args.tolerance), '--max-iterations',
                str(args.max_iterations), '--out', os.path.join(tmp, 'convex'), '--json']
        t0 = time.perf_counter()
        ours = json.loads(subprocess.run(cert, check=True, capture_output=True, text=True, env=env).stdout)
        ours['process_seconds'] = time.perf_counter() - t0
        # The test accuracy of the network the certified optimum maps to (relu2 certify --out, relu2 predict).
        predict = [os.path.join(driver.ROOT, 'dualnet'), 'relu2', 'predict', '--model', os.path.join(tmp, 'convex'),
                   '--x', files['xt'], '--y', files['yt'], '--json']
        ours['convex_test_accuracy'] = json.loads(subprocess.run(predict, check=True, capture_output=True, text=True,
                                                                 env=env).stdout)['accuracy']
        print('# relu2 certify: %.1f s (process %.1f s), status %s, %s' % (
            ours['seconds'], ours['process_seconds'], ours['status'], ours['certificate']), flush=True)
        peers = []
        if args.peers:
            # The target is the certified optimum over the patterns (the cone program's primal value); every peer
            # trains the same ReLU network, objective and beta on the same files, one after the other.
            width = args.peer_width or max(args.width, ours['convex_neurons'])
            pa = argparse.Namespace(bias=False, seeds=args.peer_seeds, seconds=args.peer_seconds,
                                    adam_lrs=args.adam_lrs, sgd_lr_scales=args.sgd_lr_scales, rtol=args.tolerance,
                                    threads=args.threads, java_opts=args.java_opts)
            print('\n| peer | model | seed | time to the certified optimum within %g | final objective | '
                  'relative to it | test accuracy | work |' % args.tolerance)
            print('|---|---|---:|---|---:|---:|---:|---|', flush=True)
            pfiles = dict(x=files['x'], y=files['y'], x_test=files['xt'], y_test=files['yt'])
            batch = args.peer_batch or max(10, int(round(x.shape[0] / 50)))
            peers = driver.torch_runs(pa, pfiles, beta, ours['convex_primal'], width, batch, x.shape[0], None)
    print()
    print('| what | value |')
    print('|---|---:|')
    rows = [('Adam network objective (float64, recomputed)', '%.8g' % adam['final']),
            ('`relu2 certify`: network objective', '%.8g' % ours['network_objective']),
            ('cone program over its %d patterns (network + sampled): optimum found' % ours['patterns'],
             '%.8g' % ours['convex_primal']),
            ('certified lower bound over those patterns', '%.8g' % ours['lower_bound']),
            ('gap of the Adam network (relative)', '%.3e' % ours['relative_gap']),
            ('Adam test accuracy', '%.4f' % adam['test_accuracy']),
            ('network of the certified optimum: neurons, test accuracy', '%d, %.4f' % (
                ours['convex_neurons'], ours['convex_test_accuracy']))]
    for k, v in rows:
        print('| %s | %s |' % (k, v))
    print('\n# end %s UTC, %.0f s in all' % (time.strftime('%H:%M:%S', time.gmtime()), time.time() - start))
    if args.json_out:
        with open(args.json_out, 'w') as f:
            json.dump(dict(args=vars(args), beta=beta, adam=adam, dualnet=ours, peers=peers, command=' '.join(cert)),
                      f, indent=1)


if __name__ == '__main__':
    main()
