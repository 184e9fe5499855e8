#!/usr/bin/env python3
"""PyTorch peer of DualNet's multi-branch VGG-9 step benchmark (Zhang et al. A.1, Table 2).

Times one training step (forward, cross-entropy on the averaged branch logits, backward, SGD with Nesterov
momentum and weight decay) on the batch that io.dualnet.vgg.StepBenchmark wrote (raw little-endian float32
(b, 1, 32, 32) then int32 labels). Prints one JSON line per configuration.

--impl loop: I separate VGG-9 modules (nn.ModuleList), logits averaged, as the authors' script.
--impl grouped: all branches as grouped convolutions (the form DualNet's DJL network can also take).
Usage: vgg_step.py BATCH_FILE B STEPS WARMUP --threads T --impl loop W:I [W:I ...]
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(cin, cout, groups=1):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False, groups=groups), nn.BatchNorm2d(cout), nn.ReLU()]


def vgg9(c, w, groups=1):
    g = groups
    layers = conv(c, g * w) + conv(g * w, g * w, g) + [nn.MaxPool2d(2, 2)]
    layers += conv(g * w, g * 2 * w, g) + conv(g * 2 * w, g * 2 * w, g) + [nn.MaxPool2d(2, 2)]
    layers += conv(g * 2 * w, g * 4 * w, g) + conv(g * 4 * w, g * 4 * w, g) + conv(g * 4 * w, g * 4 * w, g)
    layers += [nn.MaxPool2d(2, 2)]
    return nn.Sequential(*layers)


class Branch(nn.Module):
    def __init__(self, c, w):
        super().__init__()
        self.features = vgg9(c, w)
        self.fc1 = nn.Linear(64 * w, 4 * w, bias=False)
        self.bn = nn.BatchNorm1d(4 * w)
        self.fc2 = nn.Linear(4 * w, 10)

    def forward(self, x):
        h = self.features(x).flatten(1)
        return self.fc2(F.relu(self.bn(self.fc1(h))))


class Loop(nn.Module):
    def __init__(self, c, w, i):
        super().__init__()
        self.branches = nn.ModuleList([Branch(c, w) for _ in range(i)])

    def forward(self, x):
        return torch.stack([b(x) for b in self.branches]).mean(0)


class Grouped(nn.Module):
    def __init__(self, c, w, i):
        super().__init__()
        self.i, self.w = i, w
        self.features = vgg9(c, w, i)
        self.fc1 = nn.Conv2d(i * 64 * w, i * 4 * w, 1, groups=i, bias=False)
        self.bn = nn.BatchNorm2d(i * 4 * w)
        self.fc2 = nn.Conv2d(i * 4 * w, i * 10, 1, groups=i)

    def forward(self, x):
        h = self.features(x).reshape(x.shape[0], -1, 1, 1)
        z = self.fc2(F.relu(self.bn(self.fc1(h))))
        return z.reshape(x.shape[0], self.i, 10).mean(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("batch_file")
    p.add_argument("b", type=int)
    p.add_argument("steps", type=int)
    p.add_argument("warmup", type=int)
    p.add_argument("configs", nargs="+")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--impl", choices=["loop", "grouped"], default="loop")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    raw = np.fromfile(a.batch_file, dtype="<f4", count=a.b * 1024)
    x = torch.from_numpy(raw.copy()).reshape(a.b, 1, 32, 32)
    y = torch.from_numpy(np.fromfile(a.batch_file, dtype="<i4", offset=4 * a.b * 1024).astype(np.int64))
    for cfg in a.configs:
        w, i = (int(v) for v in cfg.split(":"))
        net = (Loop if a.impl == "loop" else Grouped)(1, w, i)
        net.train()
        opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            return loss.item()

        first = None
        for s in range(a.warmup):
            v = step()
            first = v if first is None else first
        times = []
        last = None
        for s in range(a.steps):
            start = time.perf_counter()
            last = step()
            times.append((time.perf_counter() - start) * 1e3)
        ms = sum(times) / len(times)
        times.sort()
        params = sum(t.numel() for t in net.parameters())
        print(json.dumps({"impl": "torch-" + a.impl, "torch": torch.__version__, "width": w, "branches": i,
                          "batch": a.b, "params": params, "ms_per_step": round(ms, 2), "ms_min": round(times[0], 2),
                          "ms_median": round(times[len(times) // 2], 2), "first_loss": first,
                          "last_loss": last, "threads": a.threads}), flush=True)


if __name__ == "__main__":
    main()
