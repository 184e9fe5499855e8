#!/usr/bin/python3
"""PyTorch peer of `dualnet relu2 fit`: trains the same two-layer ReLU network on the same data files.

Network and objective, exactly as DualNet's TwoLayerReluProblem (squared loss summed over samples, weight decay on both
layers, the bias as a column of ones appended to X and regularized with the first layer):
    f(x) = sum_j max(0, [x, 1] . u_j) alpha_j
    F(U, alpha) = 1/2 ||f(X) - y||^2 + beta/2 (||U||_F^2 + ||alpha||^2)
Mini-batches of size B minimise the unbiased estimate (n/B) 1/2 ||f(X_B) - y_B||^2 + beta/2 (...), so that every
step is a step on F. Initialization: PyTorch's nn.Linear default bounds (U ~ U[-1/sqrt(d'), 1/sqrt(d')],
alpha ~ U[-1/sqrt(m), 1/sqrt(m)]), as /work/shared/peers/relu2_convex.py.

For every seed the script trains for at most --seconds of training time (the full-objective evaluations of the
mini-batch runs are not counted: the clock stops while they run) and stops early once F comes within --rtol
(relative) of --target (the certified optimum, when given). Prints one JSON line per run:
    seconds_to_target (null: never within the budget), steps_to_target, final objective, best objective, steps,
    epochs, training seconds, train accuracy (with +-1 labels) and test accuracy (sign of f against +-1 labels) when
    --x-test/--y-test are given.

Usage: relu2_torch.py --x X.npy --y y.npy [--x-test Xt.npy --y-test yt.npy] --bias 1 --beta B --width M
           --optimizer adam|sgd --lr LR --batch 0|B --seeds 100,101,102 --seconds T --target F* --threads 1
           [--save DIR]  (the last run's network, for dualnet relu2 certify)
Files are .npy (X: n x d, y: n) or CSV. Data is used as given (standardize before).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch


def parse():
    p = argparse.ArgumentParser()
    p.add_argument('--x', required=True)
    p.add_argument('--y', required=True)
    p.add_argument('--x-test')
    p.add_argument('--y-test')
    p.add_argument('--bias', type=int, default=0, help='1: append a column of ones (regularized), as --bias')
    p.add_argument('--beta', type=float, required=True)
    p.add_argument('--width', type=int, required=True, help='hidden neurons m')
    p.add_argument('--optimizer', choices=['adam', 'sgd'], required=True)
    p.add_argument('--lr', type=float, default=None,
                   help='adam: default 1e-3; sgd: default --lr-scale / ||X||_2^2 (1/L of the loss part)')
    p.add_argument('--lr-scale', type=float, default=0.1, help='sgd step as a multiple of 1/||X||_2^2')
    p.add_argument('--momentum', type=float, default=0.0, help='sgd momentum')
    p.add_argument('--batch', type=int, default=0, help='0 = full batch')
    p.add_argument('--seeds', default='100,101,102')
    p.add_argument('--seconds', type=float, default=30.0, help='training-time budget per run')
    p.add_argument('--max-steps', type=int, default=0, help='0 = no step limit')
    p.add_argument('--target', type=float, default=None, help='the certified optimum F*')
    p.add_argument('--rtol', type=float, default=1e-4)
    p.add_argument('--eval-every', type=int, default=0,
                   help='mini-batch: full-objective evaluation every N steps (default: once per epoch)')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--dtype', choices=['float64', 'float32'], default='float64')
    p.add_argument('--label', default='')
    p.add_argument('--save', default=None,
                   help='folder: the last run\'s network as first_layer.npy (d\' x m) and second_layer.npy (m), '
                        'the layout of dualnet relu2 certify --first-layer/--second-layer')
    return p.parse_args()


def load(path):
    if path.endswith('.npy'):
        return np.load(path)
    return np.loadtxt(path, delimiter=',', ndmin=2)


def features(path, bias):
    x = np.asarray(load(path), dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    return np.hstack([x, np.ones((x.shape[0], 1))]) if bias else x


def labels(path):
    return np.asarray(load(path), dtype=np.float64).reshape(-1)


def objective(X, y, U, a, beta):
    """F in float64, independent of the training arithmetic."""
    r = np.maximum(X @ U.T, 0) @ a - y
    return 0.5 * float(r @ r) + 0.5 * beta * (float(np.sum(U * U)) + float(a @ a))


def run(args, X, y, Xt, yt, seed, lr):
    dt = torch.float64 if args.dtype == 'float64' else torch.float32
    n, d = X.shape
    m = args.width
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    U = ((torch.rand(m, d, dtype=torch.float64) * 2 - 1) / math.sqrt(d)).to(dt).requires_grad_()
    a = ((torch.rand(m, dtype=torch.float64) * 2 - 1) / math.sqrt(m)).to(dt).requires_grad_()
    Xtr, ytr = torch.tensor(X, dtype=dt), torch.tensor(y, dtype=dt)
    if args.optimizer == 'adam':
        opt = torch.optim.Adam([U, a], lr=lr)
    else:
        opt = torch.optim.SGD([U, a], lr=lr, momentum=args.momentum)
    full = args.batch <= 0 or args.batch >= n
    B = n if full else args.batch
    scale = n / B
    every = 1 if full else (args.eval_every or max(1, n // B))
    threshold = None if args.target is None else args.target + args.rtol * abs(args.target)
    train_s, steps, hit_s, hit_steps = 0.0, 0, None, None
    best = math.inf
    perm, pos = None, n
    final = math.inf
    while True:
        t0 = time.perf_counter()
        if full:
            xb, yb = Xtr, ytr
        else:
            if pos + B > n:
                perm, pos = torch.randperm(n, generator=gen), 0
            idx = perm[pos:pos + B]
            pos += B
            xb, yb = Xtr[idx], ytr[idx]
        opt.zero_grad(set_to_none=True)
        r = torch.relu(xb @ U.T) @ a - yb
        f = 0.5 * scale * (r @ r) + 0.5 * args.beta * ((U * U).sum() + a @ a)
        f.backward()
        value = f.item() if full else None        # full batch: F at the iterate before this step, for free
        opt.step()
        train_s += time.perf_counter() - t0
        steps += 1
        if full:
            fv, fsteps = value, steps - 1
        elif steps % every == 0:
            with torch.no_grad():
                fv = objective(X, y, U.detach().double().numpy(), a.detach().double().numpy(), args.beta)
            fsteps = steps
        else:
            fv = None
        if fv is not None:
            if not math.isfinite(fv):
                final = math.inf
                break
            best = min(best, fv)
            if threshold is not None and hit_s is None and fv <= threshold:
                hit_s, hit_steps = train_s, fsteps
                break
        if train_s >= args.seconds or (args.max_steps and steps >= args.max_steps):
            break
    Un, an = U.detach().double().numpy(), a.detach().double().numpy()
    final = objective(X, y, Un, an, args.beta) if math.isfinite(best) else math.inf
    best = min(best, final)
    out = dict(peer='pytorch', label=args.label, optimizer=args.optimizer, lr=lr, momentum=args.momentum,
               batch='full' if full else B, width=m, seed=seed, dtype=args.dtype, target=args.target,
               rtol=args.rtol, seconds_to_target=hit_s, steps_to_target=hit_steps, budget_seconds=args.seconds,
               train_seconds=train_s, steps=steps, epochs=steps * B / n, final=final, best=best,
               diverged=not math.isfinite(final),
               relative_to_target=None if args.target is None else (final - args.target) / abs(args.target))
    if math.isfinite(final) and np.all(np.abs(y) == 1):
        out['train_accuracy'] = float(np.mean(np.sign(np.maximum(X @ Un.T, 0) @ an) == y))
    if Xt is not None and math.isfinite(final):
        pred = np.maximum(Xt @ Un.T, 0) @ an
        out['test_accuracy'] = float(np.mean(np.sign(pred) == yt)) if np.all(np.abs(yt) == 1) else None
        out['test_mse'] = float(np.mean((pred - yt) ** 2))
    if args.save and math.isfinite(final):
        os.makedirs(args.save, exist_ok=True)
        np.save(os.path.join(args.save, 'first_layer.npy'), np.ascontiguousarray(Un.T))
        np.save(os.path.join(args.save, 'second_layer.npy'), an)
        out['saved'] = args.save
    return out


def main():
    args = parse()
    torch.set_num_threads(args.threads)
    X, y = features(args.x, args.bias), labels(args.y)
    Xt = features(args.x_test, args.bias) if args.x_test else None
    yt = labels(args.y_test) if args.y_test else None
    if args.lr is not None:
        lr = args.lr
    elif args.optimizer == 'adam':
        lr = 1e-3
    else:
        lr = args.lr_scale / np.linalg.norm(X, 2) ** 2
    for s in [int(v) for v in args.seeds.split(',') if v]:
        r = run(args, X, y, Xt, yt, s, lr)
        r.update(torch_threads=torch.get_num_threads(), torch=torch.__version__, n=X.shape[0], features=X.shape[1],
                 loadavg_1min=os.getloadavg()[0])
        print(json.dumps(r), flush=True)


if __name__ == '__main__':
    sys.exit(main())
