#!/usr/bin/python3
"""Side-by-side benchmark, one run: the ReLU network's cone program on the peers' exact 1-D instance
(x ~ U[-1, 1], n samples, all arrangement cells), DualNet `relu2 fit --patterns all` against cvxopt coneqp as set up
by /work/shared/peers/relu2_convex.py (imported, not copied), with and without the hidden bias.

With --torch-seconds T > 0 it also trains the same ReLU network (width --m, no biases but the constant feature, as
the peer does) in PyTorch, full batch, with Adam (lr 1e-2) and plain gradient descent (lr 0.1/||X||^2), seeds
100.., and reports when each first comes within 1e-4 (relative) of DualNet's certified optimum ("never within T").

Usage (from the repository root): /usr/bin/python3 bench/scripts/relu2_exact_1d.py [--n 50] [--reps 3] [--jvm-reps 30]
    [--torch-seconds 20] [--seeds 3] [--m 100]
DualNet is timed twice: each run in its own JVM through ./dualnet (class loading and compilation included), and the
same command repeated --jvm-reps times in one JVM (bench's RepeatedCommand; the median of the last third, once the
JIT has compiled the solver), which is how cvxopt is timed
here, in this warm Python process. Build first: mvn -q -DskipTests -pl app,bench -am package.
Prints Markdown tables. Both sides get OPENBLAS_NUM_THREADS from the environment (set it to 1 on a shared machine).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, '/work/shared/peers')
import relu2_convex as peer  # noqa: E402


def instance(n, bias):
    args = argparse.Namespace(dataset='synth1d', n=n, d=10, teacher=5, noise=0.1, bias=1, seed=0)
    X, y = peer.make_data(args, np.random.default_rng(0))      # X = [x, 1]
    x = X[:, :1]
    if bias:
        M = peer.enumerate_patterns_1d(X[:, 0])
        Xm = X
    else:
        M = np.unique(np.hstack([x >= 0, x <= 0]), axis=1).astype(np.float64)
        M = M[:, M.any(0)]
        Xm = x
    lam_max = max(np.linalg.norm((M[:, i:i + 1] * Xm).T @ y) for i in range(M.shape[1]))
    return x, y, Xm, M, 0.05 * lam_max


def main():
    a = argparse.ArgumentParser()
    a.add_argument('--n', type=int, default=50)
    a.add_argument('--reps', type=int, default=3)
    a.add_argument('--jvm-reps', type=int, default=30)
    a.add_argument('--torch-seconds', type=float, default=0)
    a.add_argument('--seeds', type=int, default=3)
    a.add_argument('--m', type=int, default=100)
    args = a.parse_args()
    certified = {}
    print('| instance | solver | objective | relative gap | solve seconds (median of %d) | process seconds | '
          'solve seconds in one process (median of the last third of %d runs) |' % (args.reps, args.jvm_reps))
    print('|---|---|---:|---:|---:|---:|---:|')
    for bias in (True, False):
        x, y, Xm, M, beta = instance(args.n, bias)
        with tempfile.TemporaryDirectory() as tmp:
            xf, yf = os.path.join(tmp, 'x.csv'), os.path.join(tmp, 'y.csv')
            np.savetxt(xf, x, delimiter=',', fmt='%.17g')
            np.savetxt(yf, y, delimiter=',', fmt='%.17g')
            ours, ours_wall, cvx, cvx_t = [], [], None, []
            fit = ['relu2', 'fit', '--x', xf, '--y', yf, '--beta', repr(beta), '--patterns', 'all',
                   '--tolerance', '1e-8', '--json', '--quiet'] + (['--bias'] if bias else [])
            # The same command repeated in one JVM: the first runs load and compile the classes, the last third is
            # what a library user's repeated call costs (cvxopt below is timed in this warm Python process too).
            java = ['java'] + os.environ.get('DUALNET_JAVA_OPTS', '-Xmx3g').split() + [
                '-cp', 'bench/target/dualnet-bench.jar:app/target/dualnet-app.jar:app/target/lib/*',
                'io.dualnet.bench.RepeatedCommand', str(args.jvm_reps)]
            runs = json.loads(subprocess.run(java + fit, check=True, capture_output=True, text=True).stdout)
            warm = runs[-max(1, len(runs) // 3):]
            for _ in range(args.reps):
                cmd = ['./dualnet'] + fit
                t0 = time.perf_counter()
                out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
                ours_wall.append(time.perf_counter() - t0)
                ours.append(json.loads(out))
                t0 = time.perf_counter()
                cvx = peer.solve_cvx_relu(Xm, y, M, beta)
                cvx_t.append(time.perf_counter() - t0)
        name = 'n = %d, %s, %d cells, beta = %.7g' % (args.n, 'bias' if bias else 'no bias', M.shape[1], beta)
        o = ours[-1]
        certified[bias] = (o['primal'], o['dual'], Xm, y, beta, name)
        print('| %s | DualNet `%s` | %.10f | %.1e (certified, %s) | %.3f | %.2f | %.4f |' % (
            name, o['method'], o['primal'], o['relative_gap'], o['certificate'],
            float(np.median([r['seconds'] for r in ours])), float(np.median(ours_wall)),
            float(np.median([r['seconds'] for r in warm]))))
        print('| %s | cvxopt coneqp (%s, %d iterations) | %.10f | (its tolerance 1e-9) | %.4f | | %.4f |' % (
            name, cvx['status'], cvx['iters'], cvx['obj'], float(np.median(cvx_t)), float(np.median(cvx_t))))
    if args.torch_seconds > 0:
        torch_table(certified, args)
    print('\nloadavg (1 min) at the end: %.1f' % os.getloadavg()[0])


def torch_table(certified, args):
    """PyTorch Adam and GD (the peer's trainer) against the certified optimum: time to 1e-4 relative."""
    print('\n| instance | optimizer (full batch, m = %d) | seed | reaches 1e-4 of the certified optimum after | best objective in %g s |'
          % (args.m, args.torch_seconds))
    print('|---|---|---:|---:|---:|')
    for bias, (primal, dual, Xm, y, beta, name) in certified.items():
        for method in ('adam', 'gd'):
            for seed in range(args.seeds):
                # Iterations for about T seconds: time one short run first.
                probe = argparse.Namespace(m=args.m, adam_iters=200, adam_lr=1e-2, gd_iters=200, gd_lr=None,
                                           trace_every=10)
                t = peer.train_nonconvex(Xm, y, beta, probe, 100 + seed, method)['s_per_iter']
                iters = max(200, int(args.torch_seconds / max(t, 1e-6)))
                cfg = argparse.Namespace(m=args.m, adam_iters=iters, adam_lr=1e-2, gd_iters=iters, gd_lr=None,
                                         trace_every=max(1, iters // 2000))
                r = peer.train_nonconvex(Xm, y, beta, cfg, 100 + seed, method)
                hit = next((row[0] for row in r['trace'] if row[2] <= primal * (1 + 1e-4)), None)
                print('| %s | %s | %d | %s | %.10f |' % (name, 'Adam lr 1e-2' if method == 'adam' else 'GD lr 0.1/||X||^2',
                      100 + seed, '%.2f s (%d steps)' % (hit, next(row[1] for row in r['trace'] if row[0] == hit))
                      if hit is not None else 'never within %.0f s' % r['wall_s'], r['best_traced']))


if __name__ == '__main__':
    main()
