#!/usr/bin/python3
"""Side-by-side benchmark in ONE run: the certified two-layer ReLU network (`dualnet relu2 fit`, the cone program)
against PyTorch Adam and SGD training the same ReLU network (bench/python/relu2_torch.py), and, on small instances,
cvxopt coneqp on the same cone program (set up by /work/shared/peers/relu2_convex.py, imported, not copied).

Same data files, same beta, same objective 1/2 ||f(X) - y||^2 + beta/2 (||U||_F^2 + ||alpha||^2) (loss summed over
samples; with --bias a column of ones appended to X and regularized), width m >= the certified network's neurons.
Order: DualNet first (its certified objective is every peer's target), then cvxopt, then the PyTorch runs.

Data (written once to a temporary folder as .npy; both sides read those files):
  --data synth1d : the peers' exact 1-D instance (x ~ U[-1, 1], numpy seed 0, 5-neuron teacher plus noise), no test
                   set; with --bias every arrangement cell is enumerated (--patterns all)
  --data fashion : Fashion-MNIST classes A (label -1) and B (+1) (default 0 T-shirt/top vs 6 Shirt) from the Debian
                   package, the first --n training images of the pair, pixels / 255 (average-pooled in --pool K x K
                   blocks when K > 1), standardised with the training statistics (as `--standardize`), the pair's
                   2000 t10k images as the test set
beta: --beta, or --beta-rel times beta_max = max_i ||(D_i X')^T y|| over the enumerated cells (synth1d) or over
--P numpy-seeded Gaussian patterns of X' = [X, 1] (fashion; a stand-in for DualNet's own samples, printed).

Usage (from the repository root):
  /usr/bin/python3 bench/scripts/relu2_vs_peers.py --data synth1d --n 50 --bias --beta-rel 0.05 --cvxopt \
      --seeds 100,101,102 --seconds 20 --threads 1
  /usr/bin/python3 bench/scripts/relu2_vs_peers.py --data fashion --n 2000 --P 200 --bias --beta-rel 1e-2 \
      --seeds 100,101 --seconds 120 --threads 2
Prints Markdown tables (and, with --json-out FILE, every raw record).
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
PEERS = os.environ.get('PEERS', '/work/shared/peers')
TORCH_PEER = os.path.join(ROOT, 'bench', 'python', 'relu2_torch.py')
FASHION = os.environ.get('FASHION_MNIST', '/usr/share/datasets/fashion-mnist')


def parse():
    a = argparse.ArgumentParser()
    a.add_argument('--data', choices=['synth1d', 'fashion'], default='synth1d')
    a.add_argument('--n', type=int, default=50, help='training samples')
    a.add_argument('--classes', default='0,6')
    a.add_argument('--pool', type=int, default=1,
                   help='fashion: average-pool the 28 x 28 images in K x K blocks (K divides 28; 4: 49 features)')
    a.add_argument('--P', default='all', help="DualNet --patterns: all or a number of sampled patterns")
    a.add_argument('--bias', action='store_true')
    a.add_argument('--beta', type=float, default=None)
    a.add_argument('--beta-rel', type=float, default=0.05)
    a.add_argument('--tolerance', type=float, default=1e-8, help='DualNet --tolerance (relative gap)')
    a.add_argument('--max-iterations', type=int, default=10000, help='DualNet --max-iterations')
    a.add_argument('--cuts', type=int, default=10, help='DualNet --cuts')
    a.add_argument('--seed', type=int, default=1, help='DualNet --seed (pattern sampling)')
    a.add_argument('--gated', action='store_true', help='also fit the gated relaxation (a different model)')
    a.add_argument('--cvxopt', action='store_true', help='also solve the cone program with cvxopt coneqp')
    a.add_argument('--seeds', default='100,101,102', help='PyTorch seeds')
    a.add_argument('--seconds', type=float, default=20.0, help='PyTorch training-time budget T per run')
    a.add_argument('--width', type=int, default=0, help='PyTorch width m (0: max(100, 2 x certified neurons))')
    a.add_argument('--adam-lrs', default='1e-3,1e-2')
    a.add_argument('--sgd-lr-scales', default='0.1', help='SGD steps as multiples of 1/||X||_2^2')
    a.add_argument('--batch', type=int, default=0, help='mini-batch size (0: max(10, n/50) rounded)')
    a.add_argument('--rtol', type=float, default=1e-4)
    a.add_argument('--threads', type=int, default=1, help='OpenBLAS threads of DualNet = torch threads')
    a.add_argument('--java-opts', default='-Xmx3g')
    a.add_argument('--json-out', default=None)
    return a.parse_args()


# ------------------------------------------------------------------ data
def read_idx(path, images):
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    if images:
        n, r, c = (int.from_bytes(raw[i:i + 4], 'big') for i in (4, 8, 12))
        return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, r * c)
    n = int.from_bytes(raw[4:8], 'big')
    return np.frombuffer(raw, dtype=np.uint8, offset=8)[:n]


def fashion(args):
    a, b = (int(c) for c in args.classes.split(','))

    def pair(prefix, limit):
        x = read_idx(os.path.join(FASHION, prefix + '-images-idx3-ubyte.gz'), True)
        lab = read_idx(os.path.join(FASHION, prefix + '-labels-idx1-ubyte.gz'), False)
        keep = np.nonzero((lab == a) | (lab == b))[0]
        if limit:
            keep = keep[:limit]
        img = x[keep].astype(np.float64) / 255.0
        k = args.pool
        if k > 1:
            img = img.reshape(-1, 28 // k, k, 28 // k, k).mean(axis=(2, 4)).reshape(len(keep), -1)
        return img, np.where(lab[keep] == a, -1.0, 1.0)

    x, y = pair('train', args.n)
    xt, yt = pair('t10k', 0)
    mean, sd = x.mean(0), x.std(0)
    const = sd <= 1e-12 * np.abs(mean)                 # as io.dualnet.data.Standardizer: centred, not scaled
    sd = np.where(const, 1.0, sd)
    return (x - mean) / sd, y, (xt - mean) / sd, yt


def synth1d(args):
    sys.path.insert(0, PEERS)
    import relu2_convex as peer
    ns = argparse.Namespace(dataset='synth1d', n=args.n, d=10, teacher=5, noise=0.1, bias=1, seed=0)
    X, y = peer.make_data(ns, np.random.default_rng(0))        # X = [x, 1]
    return X[:, :1], y, None, None


def cells(args, x):
    """The patterns used for beta_max (and by cvxopt): all cells in 1-D, else numpy-seeded Gaussian patterns."""
    sys.path.insert(0, PEERS)
    import relu2_convex as peer
    F = np.hstack([x, np.ones((x.shape[0], 1))]) if args.bias else x
    if args.data == 'synth1d':
        if args.bias:
            M = peer.enumerate_patterns_1d(x[:, 0])
        else:
            M = np.unique(np.hstack([x >= 0, x <= 0]), axis=1).astype(np.float64)
            M = M[:, M.any(0)]
        return F, M, 'all %d cells' % M.shape[1]
    P = 1000 if args.P == 'all' else int(args.P)
    M = peer.sample_patterns(F, P, np.random.default_rng(args.seed))
    return F, M, '%d numpy-sampled patterns' % M.shape[1]


# ------------------------------------------------------------------ runs
def dualnet(args, files, beta, tmp, gated):
    out = os.path.join(tmp, 'model-gated' if gated else 'model')
    cmd = [os.path.join(ROOT, 'dualnet'), 'relu2', 'fit', '--x', files['x'], '--y', files['y'], '--beta', repr(beta),
           '--patterns', str(args.P), '--tolerance', repr(args.tolerance), '--max-iterations',
           str(args.max_iterations), '--cuts', str(args.cuts), '--seed', str(args.seed), '--out', out, '--json',
           '--quiet'] + (['--bias'] if args.bias else []) + (['--gated'] if gated else [])
    t0 = time.perf_counter()
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, env=env(args)).stdout)
    r['process_seconds'] = time.perf_counter() - t0
    r['command'] = ' '.join(cmd)
    if files.get('x_test'):
        pred = os.path.join(tmp, 'pred-gated.npy' if gated else 'pred.npy')
        pc = [os.path.join(ROOT, 'dualnet'), 'relu2', 'predict', '--model', out, '--x', files['x_test'],
              '--y', files['y_test'], '--out', pred, '--json']
        p = json.loads(subprocess.run(pc, check=True, capture_output=True, text=True, env=env(args)).stdout)
        yhat = np.load(pred).reshape(-1)
        yt = np.load(files['y_test'])
        r['test_accuracy'] = float(np.mean(np.sign(yhat) == yt))
        r['test_mse_predict'] = p.get('mse')
    return r


def env(args):
    e = dict(os.environ)
    e['OPENBLAS_NUM_THREADS'] = str(args.threads)
    e['OMP_NUM_THREADS'] = str(args.threads)
    e['DUALNET_JAVA_OPTS'] = args.java_opts
    return e


def cvxopt_run(F, y, M, beta):
    sys.path.insert(0, PEERS)
    import relu2_convex as peer
    t0 = time.perf_counter()
    c = peer.solve_cvx_relu(F, y, M, beta)
    return dict(obj=c['obj'], status=c['status'], iters=c['iters'], seconds=time.perf_counter() - t0)


def torch_runs(args, files, beta, target, width, batch, n, F):
    runs = []
    configs = [('adam', float(lr), 0) for lr in args.adam_lrs.split(',') if lr]
    configs += [('sgd', float(s), 0) for s in args.sgd_lr_scales.split(',') if s]
    for opt, lr, _ in configs:
        for b in (0, batch):
            cmd = ['/usr/bin/python3', TORCH_PEER, '--x', files['x'], '--y', files['y'], '--bias',
                   '1' if args.bias else '0', '--beta', repr(beta), '--width', str(width), '--optimizer', opt,
                   '--batch', str(b), '--seeds', args.seeds, '--seconds', repr(args.seconds), '--target',
                   repr(target), '--rtol', repr(args.rtol), '--threads', str(args.threads)]
            cmd += ['--lr', repr(lr)] if opt == 'adam' else ['--lr-scale', repr(lr)]
            if files.get('x_test'):
                cmd += ['--x-test', files['x_test'], '--y-test', files['y_test']]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env(args)).stdout
            for line in out.splitlines():
                r = json.loads(line)
                r['config'] = ('Adam lr %g' % lr) if opt == 'adam' else ('SGD lr %g/‖X‖²' % lr)
                runs.append(r)
                print_torch_row(r, args)
    return runs


def fmt_time(r, args):
    if r['seconds_to_target'] is not None:
        return '%.2f s (%d steps)' % (r['seconds_to_target'], r['steps_to_target'])
    if r['diverged']:
        return 'diverged'
    return 'never within %g s' % args.seconds


def print_torch_row(r, args):
    acc = r.get('test_accuracy')
    print('| PyTorch %s, %s batch, m = %d | ReLU network | %d | %s | %.10g | %+.2e | %s | %d steps, %.1f epochs |' % (
        r['config'], 'full' if r['batch'] == 'full' else 'mini (%d)' % r['batch'], r['width'], r['seed'],
        fmt_time(r, args), r['final'], r['relative_to_target'], '%.4f' % acc if acc is not None else '–',
        r['steps'], r['epochs']), flush=True)


def main():
    args = parse()
    start = time.time()
    x, y, xt, yt = fashion(args) if args.data == 'fashion' else synth1d(args)
    F, M, what = cells(args, x)
    beta_max = max(np.linalg.norm((M[:, i:i + 1] * F).T @ y) for i in range(M.shape[1]))
    beta = args.beta if args.beta is not None else args.beta_rel * beta_max
    n = x.shape[0]
    batch = args.batch or max(10, int(round(n / 50)))
    records = dict(args=vars(args), beta=beta, beta_max=beta_max, beta_max_over=what, n=n, d=x.shape[1])
    print('# %s UTC, %d cores, load %s, threads %d (OpenBLAS and torch)' % (
        time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime()), os.cpu_count(), open('/proc/loadavg').read().split()[:3],
        args.threads))
    print('# data %s%s: n = %d, d = %d%s, beta = %.7g (= %g x beta_max %.6g over %s)\n' % (
        args.data, ' pooled %dx%d' % (args.pool, args.pool) if args.pool > 1 else '', n, x.shape[1], ' + bias' if args.bias else '', beta, beta / beta_max, beta_max, what))
    with tempfile.TemporaryDirectory() as tmp:
        files = dict(x=os.path.join(tmp, 'x.npy'), y=os.path.join(tmp, 'y.npy'))
        np.save(files['x'], x)
        np.save(files['y'], y)
        if xt is not None:
            files.update(x_test=os.path.join(tmp, 'x_test.npy'), y_test=os.path.join(tmp, 'y_test.npy'))
            np.save(files['x_test'], xt)
            np.save(files['y_test'], yt)
        ours = dualnet(args, files, beta, tmp, False)
        records['dualnet'] = ours
        target = ours['primal']
        width = args.width or max(100, 2 * ours['neurons'])
        print('| solver | model | seed | time to 1e-4 of the certified objective | final objective | relative to '
              'certified | test accuracy | notes |')
        print('|---|---|---:|---:|---:|---:|---:|---|')
        print('| DualNet `relu2 fit` (%s) | ReLU network (cone program) | – | %.2f s solve, %.2f s process '
              '(certified to %.1e, %s, %s) | %.10g | dual %.10g | %s | %d neurons, %d patterns, network objective %.10g |'
              % (ours['method'], ours['seconds'], ours['process_seconds'], ours['relative_gap'], ours['certificate'],
                 ours['status'], ours['primal'], ours['dual'],
                 '%.4f' % ours['test_accuracy'] if 'test_accuracy' in ours else '–', ours['neurons'],
                 ours['patterns'], ours['network_objective']), flush=True)
        if args.gated:
            g = dualnet(args, files, beta, tmp, True)
            records['dualnet_gated'] = g
            print('| DualNet `relu2 fit --gated` (%s) | **gated ReLU: a different model** | – | %.2f s solve '
                  '(gap %.1e) | %.10g | (not comparable) | %s | %d neurons |' % (
                      g['method'], g['seconds'], g['relative_gap'], g['primal'],
                      '%.4f' % g['test_accuracy'] if 'test_accuracy' in g else '–', g['neurons']), flush=True)
        if args.cvxopt:
            c = cvxopt_run(F, y, M, beta)
            records['cvxopt'] = c
            print('| cvxopt coneqp (%s, %d iterations, %s) | ReLU network (cone program) | – | %.2f s | %.10g | '
                  '%+.2e | – | same cone program |' % (c['status'], c['iters'], what, c['seconds'], c['obj'],
                                                       (c['obj'] - target) / abs(target)), flush=True)
        records['torch'] = torch_runs(args, files, beta, target, width, batch, n, F) if args.seeds else []
    print('\n# end %s UTC, load %s, %.0f s in all' % (time.strftime('%H:%M:%S', time.gmtime()),
                                                     open('/proc/loadavg').read().split()[:3], time.time() - start))
    if args.json_out:
        with open(args.json_out, 'w') as f:
            json.dump(records, f, indent=1)


if __name__ == '__main__':
    main()
